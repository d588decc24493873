"""mp_wait: how soon multiprocessing.connection.wait([pipe end, sentinel, socket]) returns after
the first of them becomes ready (the workload of concurrent4j's bench/wait.sh, WaitBench).

A child process, on command, sleeps a random 0.2-1 ms (so that the parent is asleep in its
wait), reads CLOCK_MONOTONIC (time.monotonic_ns, comparable across processes on Linux) and
sends the reading on a one-way Pipe or on a connected socket; the parent reads the clock when
wait() returns. SAMPLES wake-ups per kind and repetition; then KILLS children are SIGKILLed
while the parent waits on [a quiet pipe end, their sentinel]: from kill() to wait's return.
Prints name<TAB>value<TAB>unit per repetition (percentiles in microseconds).
"""
import multiprocessing as mp
import os
import random
import signal
import socket
import struct
import time
from multiprocessing.connection import wait

SAMPLES = 2_000
KILLS = 20
REPS = 3


def emit(name, value, unit):
    print(f"{name}\t{value:.3f}\t{unit}", flush=True)


def pct(values, p):
    s = sorted(values)
    return s[min(len(s) - 1, int(len(s) * p / 100))] / 1000.0


def commanded(cmd, pipe_out, address):
    s = socket.create_connection(address)
    s.sendall(b"c")
    rnd = random.Random(7)
    while True:
        c = cmd.recv()
        if c == "stop":
            break
        time.sleep((200 + rnd.randrange(800)) / 1e6)
        if c == "pipe":
            pipe_out.send(time.monotonic_ns())
        else:
            s.sendall(struct.pack("<q", time.monotonic_ns()))
    s.close()


def recv_exact(sock, n):
    b = b""
    while len(b) < n:
        chunk = sock.recv(n - len(b))
        if not chunk:
            raise EOFError
        b += chunk
    return b


def one_run():
    data_r, data_w = mp.Pipe(duplex=False)
    cmd_r, cmd_w = mp.Pipe(duplex=False)
    srv = socket.create_server(("127.0.0.1", 0))
    p = mp.Process(target=commanded, args=(cmd_r, data_w, srv.getsockname()))
    p.start()
    data_w.close()
    cmd_r.close()
    conn, _ = srv.accept()
    srv.close()
    recv_exact(conn, 1)
    objs = [data_r, p.sentinel, conn]

    def sample(kind):
        cmd_w.send(kind)
        ready = wait(objs, 10)
        t1 = time.monotonic_ns()
        if kind == "pipe":
            assert ready == [data_r], ready
            return t1 - data_r.recv()
        assert ready == [conn], ready
        return t1 - struct.unpack("<q", recv_exact(conn, 8))[0]

    for _ in range(200):
        sample("pipe")
        sample("socket")
    pipe, sock = [], []
    for _ in range(SAMPLES):
        pipe.append(sample("pipe"))
        sock.append(sample("socket"))
    cmd_w.send("stop")
    p.join()
    conn.close()
    data_r.close()
    cmd_w.close()

    quiet_r, quiet_w = mp.Pipe()
    kills = []
    for _ in range(KILLS):
        q = mp.Process(target=time.sleep, args=(600,))
        q.start()
        time.sleep(0.02)
        t0 = time.monotonic_ns()
        os.kill(q.pid, signal.SIGKILL)
        ready = wait([quiet_r, q.sentinel], 10)
        t1 = time.monotonic_ns()
        assert ready == [q.sentinel], ready
        q.join()
        kills.append(t1 - t0)
    quiet_r.close()
    quiet_w.close()
    return pipe, sock, kills


if __name__ == "__main__":
    for _ in range(REPS):
        pipe, sock, kills = one_run()
        emit("mp_wait.py.wakeup_p50", pct(pipe, 50), "us")
        emit("mp_wait.py.wakeup_p99", pct(pipe, 99), "us")
        emit("mp_wait.py.socket_wakeup_p50", pct(sock, 50), "us")
        emit("mp_wait.py.socket_wakeup_p99", pct(sock, 99), "us")
        emit("mp_wait.py.sentinel_kill_to_wakeup_p50", pct(kills, 50), "us")
        emit("mp_wait.py.sentinel_kill_to_wakeup_p99", pct(kills, 99), "us")
