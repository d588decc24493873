# The Python half of examples/run python-producer: a CPython 3.12+ producer that sends work
# items to a Java consumer over one authenticated multiprocessing.connection, then prints the
# consumer's reply. The address and the key come from the environment (never the command line).
import os
import time
from multiprocessing.connection import Client

address = os.environ['C4J_ADDRESS']
authkey = bytes.fromhex(os.environ['C4J_AUTHKEY_HEX'])

with Client(address, authkey=authkey) as conn:
    for i in range(5):
        item = {'id': i, 'name': 'item-%d' % i, 'size': 2 ** (10 * i), 'tags': ('python', 'producer'),
                'weights': [0.5 * i, 1.5], 'raw': bytes([i] * 3)}
        print('producer: sending', item, flush=True)
        conn.send(item)
        time.sleep(0.05)
    conn.send(None)  # no more work
    print('producer: the consumer replied', conn.recv(), flush=True)
