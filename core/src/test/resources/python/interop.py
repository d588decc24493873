"""The Python side of PythonInteropTest: a multiprocessing.connection Client or Listener.

usage: interop.py (client|listener) (unix|tcp) ADDRESS KEYHEX MODE
  client:   connects to ADDRESS
  listener: listens on ADDRESS (for tcp, port 0 picks one) and prints "ADDRESS <address>"
  MODE bytes:  send_bytes(b'ping from python'), then print what recv_bytes() returns
  MODE pickle: send() a value of every type in the codec's table, recv() one back and check it
Prints "ERROR <type> <message>" and exits 3 when the handshake fails.
"""
import sys
from multiprocessing.connection import Client, Listener, AuthenticationError

role, family, addr, keyhex, mode = sys.argv[1:6]
key = bytes.fromhex(keyhex)
if family == 'unix':
    address = addr
else:
    host, port = addr.rsplit(':', 1)
    address = (host, int(port))

SENT = {'none': None, 'true': True, 'small': 7, 'big': 2 ** 100, 'negative': -(2 ** 40), 'float': 1.5,
        'str': 'h\u00e9llo \u2713', 'bytes': b'\x00\xff', 'list': [1, [2, 3]], 'tuple': (1, 'a'),
        'set': {1, 2}, 'frozenset': frozenset({3}), 'dict': {(1, 2): 'tuple key'}}
EXPECTED_BACK = {'none': None, 'false': False, 'int': 2 ** 70, 'float': 2.5, 'str': 'w\u00f6rld',
                 'bytes': b'\x01\x02', 'list': [1, [2, 3]], 'tuple': (4, 'x'), 'set': {5, 6}, 'echo': SENT}


def converse(c):
    if mode == 'bytes':
        c.send_bytes(b'ping from python')
        print('GOT', c.recv_bytes().decode('utf-8'), flush=True)
    elif mode == 'pickle':
        c.send(SENT)
        back = c.recv()
        print('OK' if back == EXPECTED_BACK else 'BAD ' + repr(back), flush=True)
    c.close()


try:
    if role == 'client':
        conn = Client(address, authkey=key)
        converse(conn)
    else:
        with Listener(address, family='AF_UNIX' if family == 'unix' else 'AF_INET', authkey=key) as listener:
            a = listener.address
            print('ADDRESS', a if isinstance(a, str) else '%s:%d' % a, flush=True)
            conn = listener.accept()
            converse(conn)
except (AuthenticationError, EOFError, ConnectionError) as e:
    print('ERROR', type(e).__name__, e, flush=True)
    sys.exit(3)
