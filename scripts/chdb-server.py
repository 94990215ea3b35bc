#!/usr/bin/env python3
"""A test fixture: ClickHouse's HTTP interface over chDB (the ClickHouse engine as a library).

No current ClickHouse server is packaged for the machines CIFT is tested on; chDB ships the current
engine as libchdb.so. This server puts enough of the HTTP interface in front of it for the current
JDBC driver (com.clickhouse:clickhouse-jdbc): queries from the `query` URL parameter followed by the
request body (chunked or not), output format from X-ClickHouse-Format or default_format, the database
from the X-ClickHouse-Database header or `database` parameter, URL parameters that are ClickHouse
settings (applied around the query), `param_*` query parameters, the X-ClickHouse-* response headers,
/ping, errors as `Code: N. DB::Exception: ...` with X-ClickHouse-Exception-Code, and ClickHouse's own
compressed framing (CityHash128 checksum, LZ4 blocks) both ways (`compress=1`, `decompress=1`).

What it does not model: users, passwords and roles (any credentials are accepted); sessions
(`session_id` is ignored: every request runs on the one chDB connection); streaming (a response is
buffered whole before it is sent); concurrency (one query at a time). Use it for tests, never as a
server.

Usage: chdb-server.py --lib libchdb.so --path DATA_DIR [--host 127.0.0.1] [--port 18125]
"""
import argparse
import ctypes
import http.server
import json
import os
import socket
import socketserver
import struct
import sys
import threading
import urllib.parse
import uuid

MASK = (1 << 64) - 1
K0 = 0xc3a5c85c97cb3127
K1 = 0xb492b66fbe98f273
K2 = 0x9ae16a3b2f90404f
K3 = 0xc949d7c7509e6557
KMUL = 0x9ddfea08eb382d69

# ------------------------------------------------------------------ CityHash128 (v1.0.2, ClickHouse's)


def _f64(s, i):
    return int.from_bytes(s[i:i + 8], 'little')


def _f32(s, i):
    return int.from_bytes(s[i:i + 4], 'little')


def _rot(v, n):
    return v if n == 0 else ((v >> n) | (v << (64 - n))) & MASK


def _smix(v):
    return v ^ (v >> 47)


def _h16(u, v):
    a = ((u ^ v) * KMUL) & MASK
    a ^= a >> 47
    b = ((v ^ a) * KMUL) & MASK
    b ^= b >> 47
    return (b * KMUL) & MASK


def _len0to16(s, p, n):
    if n > 8:
        a = _f64(s, p)
        b = _f64(s, p + n - 8)
        return _h16(a, _rot((b + n) & MASK, n)) ^ b
    if n >= 4:
        a = _f32(s, p)
        return _h16(((a << 3) + n) & MASK, _f32(s, p + n - 4))
    if n > 0:
        y = s[p] + (s[p + (n >> 1)] << 8)
        z = n + (s[p + n - 1] << 2)
        return (_smix(((y * K2) ^ (z * K3)) & MASK) * K2) & MASK
    return K2


def _weak32(s, p, a, b):
    w, x, y, z = _f64(s, p), _f64(s, p + 8), _f64(s, p + 16), _f64(s, p + 24)
    a = (a + w) & MASK
    b = _rot((b + a + z) & MASK, 21)
    c = a
    a = (a + x + y) & MASK
    b = (b + _rot(a, 44)) & MASK
    return (a + z) & MASK, (b + c) & MASK


def _murmur(s, p, n, a, b):
    l = n - 16
    if l <= 0:
        a = (_smix((a * K1) & MASK) * K1) & MASK
        c = ((b * K1) + _len0to16(s, p, n)) & MASK
        d = _smix((a + (_f64(s, p) if n >= 8 else c)) & MASK)
    else:
        c = _h16((_f64(s, p + n - 8) + K1) & MASK, a)
        d = _h16((b + n) & MASK, (c + _f64(s, p + n - 16)) & MASK)
        a = (a + d) & MASK
        while True:
            a ^= (_smix((_f64(s, p) * K1) & MASK) * K1) & MASK
            a = (a * K1) & MASK
            b ^= a
            c ^= (_smix((_f64(s, p + 8) * K1) & MASK) * K1) & MASK
            c = (c * K1) & MASK
            d ^= c
            p += 16
            l -= 16
            if l <= 0:
                break
    a = _h16(a, c)
    b = _h16(d, b)
    return a ^ b, _h16(b, a)


def _with_seed(s, p, n, x, y):
    if n < 128:
        return _murmur(s, p, n, x, y)
    z = (K1 * n) & MASK
    v0 = ((_rot(y ^ K1, 49) * K1) + _f64(s, p)) & MASK
    v1 = ((_rot(v0, 42) * K1) + _f64(s, p + 8)) & MASK
    w0 = ((_rot((y + z) & MASK, 35) * K1) + x) & MASK
    w1 = (_rot((x + _f64(s, p + 88)) & MASK, 53) * K1) & MASK
    while True:
        for _ in range(2):
            x = (_rot((x + y + v0 + _f64(s, p + 16)) & MASK, 37) * K1) & MASK
            y = (_rot((y + v1 + _f64(s, p + 48)) & MASK, 42) * K1) & MASK
            x ^= w1
            y ^= v0
            z = _rot(z ^ w0, 33)
            v0, v1 = _weak32(s, p, (v1 * K1) & MASK, (x + w0) & MASK)
            w0, w1 = _weak32(s, p + 32, (z + w1) & MASK, y)
            z, x = x, z
            p += 64
        n -= 128
        if n < 128:
            break
    y = (y + (_rot(w0, 37) * K0) + z) & MASK
    x = (x + (_rot((v0 + z) & MASK, 49) * K0)) & MASK
    done = 0
    while done < n:
        done += 32
        y = ((_rot((y - x) & MASK, 42) * K0) + v1) & MASK
        w0 = (w0 + _f64(s, p + n - done + 16)) & MASK
        x = ((_rot(x, 49) * K0) + w0) & MASK
        w0 = (w0 + v0) & MASK
        v0, v1 = _weak32(s, p + n - done, v0, v1)
    x = _h16(x, v0)
    y = _h16(y, w0)
    return (_h16((x + v1) & MASK, w1) + y) & MASK, _h16((x + w1) & MASK, (y + v1) & MASK)


def cityhash128(s):
    n = len(s)
    if n >= 16:
        return _with_seed(s, 16, n - 16, _f64(s, 0) ^ K3, _f64(s, 8))
    if n >= 8:
        return _with_seed(b'', 0, 0, _f64(s, 0) ^ ((n * K0) & MASK), _f64(s, n - 8) ^ K1)
    return _with_seed(s, 0, n, K0, K1)


# ------------------------------------------------------------------ ClickHouse's compressed framing

LZ4_METHOD = 0x82
NONE_METHOD = 0x02
FRAME_MAX = 1 << 20


def _lz4_literals(data):
    """An LZ4 block that holds the data as one run of literals (valid LZ4, no matches)."""
    n = len(data)
    out = bytearray()
    if n < 15:
        out.append(n << 4)
    else:
        out.append(0xF0)
        rest = n - 15
        while rest >= 255:
            out.append(255)
            rest -= 255
        out.append(rest)
    out += data
    return bytes(out)


def compress_frames(data):
    out = bytearray()
    for i in range(0, max(len(data), 1), FRAME_MAX):
        chunk = data[i:i + FRAME_MAX]
        block = _lz4_literals(chunk)
        body = struct.pack('<BII', LZ4_METHOD, 9 + len(block), len(chunk)) + block
        lo, hi = cityhash128(body)
        out += struct.pack('<QQ', lo, hi) + body
    return bytes(out)


def _lz4_length(src, i, n):
    """A literal or match length: the token's nibble, extended by bytes of 255 and one final byte."""
    if n == 15:
        while True:
            b = src[i]
            i += 1
            n += b
            if b != 255:
                break
    return n, i


def _lz4_decompress(src, size):
    out = bytearray()
    i = 0
    while i < len(src):
        token = src[i]
        i += 1
        lit, i = _lz4_length(src, i, token >> 4)
        out += src[i:i + lit]
        i += lit
        if i >= len(src):
            break
        off = src[i] | (src[i + 1] << 8)
        i += 2
        ml, i = _lz4_length(src, i, token & 15)
        ml += 4
        start = len(out) - off
        for k in range(ml):
            out.append(out[start + k])
    if len(out) != size:
        raise ValueError('LZ4 block decompressed to %d bytes, expected %d' % (len(out), size))
    return bytes(out)


def decompress_frames(data):
    out = bytearray()
    i = 0
    while i < len(data):
        lo, hi = struct.unpack_from('<QQ', data, i)
        method, csize, usize = struct.unpack_from('<BII', data, i + 16)
        body = data[i + 16:i + 16 + csize]
        if cityhash128(body) != (lo, hi):
            raise ValueError('checksum mismatch in a compressed request frame')
        payload = body[9:]
        if method == LZ4_METHOD:
            out += _lz4_decompress(payload, usize)
        elif method == NONE_METHOD:
            out += payload
        else:
            raise ValueError('compression method 0x%02x is not supported by this test server' % method)
        i += 16 + csize
    return bytes(out)


# ------------------------------------------------------------------ chDB


class Engine:
    """One chDB connection; one query at a time."""

    def __init__(self, lib, path):
        self.lib = ctypes.CDLL(lib)
        L = self.lib
        L.chdb_connect.restype = ctypes.c_void_p
        L.chdb_connect.argtypes = [ctypes.c_int, ctypes.POINTER(ctypes.c_char_p)]
        L.chdb_query_with_params_n.restype = ctypes.c_void_p
        L.chdb_query_with_params_n.argtypes = [ctypes.c_void_p, ctypes.c_char_p, ctypes.c_size_t, ctypes.c_char_p,
                                               ctypes.c_size_t, ctypes.POINTER(ctypes.c_char_p),
                                               ctypes.POINTER(ctypes.c_size_t), ctypes.POINTER(ctypes.c_char_p),
                                               ctypes.POINTER(ctypes.c_size_t), ctypes.c_size_t]
        for name, res in (('chdb_result_buffer', ctypes.c_void_p), ('chdb_result_length', ctypes.c_size_t),
                          ('chdb_result_error', ctypes.c_char_p), ('chdb_result_rows_read', ctypes.c_uint64),
                          ('chdb_result_bytes_read', ctypes.c_uint64), ('chdb_result_rows_written', ctypes.c_uint64),
                          ('chdb_result_bytes_written', ctypes.c_uint64)):
            f = getattr(L, name)
            f.restype = res
            f.argtypes = [ctypes.c_void_p]
        L.chdb_destroy_query_result.argtypes = [ctypes.c_void_p]
        args = [b'clickhouse', ('--path=' + path).encode()]
        argv = (ctypes.c_char_p * len(args))(*args)
        handle = L.chdb_connect(len(args), argv)
        if not handle:
            raise RuntimeError('chdb_connect failed for ' + path)
        self.conn = ctypes.c_void_p.from_address(handle).value
        self.lock = threading.Lock()
        self.database = 'default'
        self.query(b'SET implicit_select = 0', 'TabSeparated')
        self.query(b"SET session_timezone = 'UTC'", 'TabSeparated')
        names, _ = self.query(b'SELECT name FROM system.settings', 'TabSeparated')
        self.settings = set(names.decode().split('\n')) - {''}

    def query(self, sql, fmt, params=None):
        """Runs one statement; returns (output bytes, summary dict); raises QueryError."""
        params = params or {}
        keys = [k.encode() for k in params]
        vals = [v.encode() for v in params.values()]
        n = len(keys)
        names = (ctypes.c_char_p * n)(*keys) if n else None
        name_lens = (ctypes.c_size_t * n)(*[len(k) for k in keys]) if n else None
        values = (ctypes.c_char_p * n)(*vals) if n else None
        value_lens = (ctypes.c_size_t * n)(*[len(v) for v in vals]) if n else None
        f = fmt.encode()
        r = self.lib.chdb_query_with_params_n(self.conn, sql, len(sql), f, len(f), names, name_lens, values,
                                              value_lens, n)
        if not r:
            raise QueryError(1001, 'Code: 1001. DB::Exception: chDB returned no result')
        try:
            err = self.lib.chdb_result_error(r)
            if err:
                raise QueryError(_code(err.decode('utf-8', 'replace')), err.decode('utf-8', 'replace'))
            buf = self.lib.chdb_result_buffer(r)
            out = ctypes.string_at(buf, self.lib.chdb_result_length(r)) if buf else b''
            summary = {'read_rows': self.lib.chdb_result_rows_read(r),
                       'read_bytes': self.lib.chdb_result_bytes_read(r),
                       'written_rows': self.lib.chdb_result_rows_written(r),
                       'written_bytes': self.lib.chdb_result_bytes_written(r)}
            return out, summary
        finally:
            self.lib.chdb_destroy_query_result(r)


class QueryError(Exception):
    def __init__(self, code, message):
        super().__init__(message)
        self.code = code
        self.message = message if message.startswith('Code:') else 'Code: %d. DB::Exception: %s' % (code, message)


def _code(message):
    if message.startswith('Code: '):
        try:
            return int(message[6:message.index('.')])
        except ValueError:
            pass
    return 1001


# URL parameters of the HTTP interface that are not settings
HTTP_PARAMS = {'query', 'database', 'default_format', 'compress', 'decompress', 'query_id', 'session_id',
               'session_timeout', 'session_check', 'user', 'password', 'quota_key', 'buffer_size',
               'wait_end_of_query', 'role', 'stacktrace', 'client_protocol_version'}
STATUS = {62: 400, 27: 400, 6: 400, 60: 404, 81: 404, 516: 403, 192: 403}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = 'HTTP/1.1'
    server_version = 'cift-chdb-test-server'
    engine = None

    def log_message(self, fmt, *args):
        if os.environ.get('CIFT_CHDB_SERVER_LOG'):
            sys.stderr.write('chdb-server: ' + (fmt % args) + '\n')

    def setup(self):
        super().setup()
        self.connection.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)

    def _body(self):
        if self.headers.get('Transfer-Encoding', '').lower() == 'chunked':
            out = bytearray()
            while True:
                line = self.rfile.readline()
                size = int(line.split(b';')[0].strip() or b'0', 16)
                if size == 0:
                    while self.rfile.readline() not in (b'\r\n', b'\n', b''):
                        pass
                    return bytes(out)
                out += self.rfile.read(size)
                self.rfile.readline()
        n = int(self.headers.get('Content-Length') or 0)
        return self.rfile.read(n) if n else b''

    def _send(self, status, body, headers):
        self.send_response(status)
        for k, v in headers.items():
            self.send_header(k, v)
        self.send_header('Content-Length', str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def do_GET(self):
        self._handle(b'')

    def do_POST(self):
        self._handle(self._body())

    def _handle(self, body):
        url = urllib.parse.urlsplit(self.path)
        params = dict(urllib.parse.parse_qsl(url.query, keep_blank_values=True))
        if url.path in ('/ping', '/') and 'query' not in params and not body:
            self._send(200, b'Ok.\n', {'Content-Type': 'text/plain; charset=UTF-8'})
            return
        query_id = params.get('query_id') or str(uuid.uuid4())
        fmt = self.headers.get('X-ClickHouse-Format') or params.get('default_format') or 'TabSeparated'
        database = self.headers.get('X-ClickHouse-Database') or params.get('database') or 'default'
        compress = params.get('compress') == '1'
        headers = {'X-ClickHouse-Server-Display-Name': 'cift-chdb', 'X-ClickHouse-Query-Id': query_id,
                   'X-ClickHouse-Timezone': 'UTC', 'X-ClickHouse-Format': fmt,
                   'Content-Type': 'text/plain; charset=UTF-8'}
        try:
            if params.get('decompress') == '1' and body:
                body = decompress_frames(body)
            sql = params.get('query', '').encode()
            if sql:
                sql += b'\n'
            sql += body
            qparams = {k[6:]: v for k, v in params.items() if k.startswith('param_')}
            settings = {k: v for k, v in params.items()
                        if k not in HTTP_PARAMS and not k.startswith('param_') and k in self.engine.settings}
            out, summary = self._run(sql, fmt, qparams, settings, database)
        except QueryError as e:
            headers['X-ClickHouse-Exception-Code'] = str(e.code)
            self._send(STATUS.get(e.code, 500), (e.message + '\n').encode(), headers)
            return
        except Exception as e:  # a malformed request
            headers['X-ClickHouse-Exception-Code'] = '1001'
            self._send(400, ('Code: 1001. DB::Exception: %s\n' % e).encode(), headers)
            return
        summary = {k: str(v) for k, v in summary.items()}
        summary.update({'total_rows_to_read': '0', 'result_rows': summary['written_rows'] or '0',
                        'result_bytes': summary['written_bytes'] or '0', 'elapsed_ns': '0'})
        headers['X-ClickHouse-Summary'] = json.dumps(summary, separators=(',', ':'))
        if compress:
            out = compress_frames(out)
        self._send(200, out, headers)

    def _run(self, sql, fmt, qparams, settings, database):
        e = self.engine
        with e.lock:
            applied = []
            try:
                if database != e.database:
                    e.query(b'USE ' + _ident(database), 'TabSeparated')
                    e.database = database
                for k, v in settings.items():
                    e.query(('SET %s = %s' % (k, _literal(v))).encode(), 'TabSeparated')
                    applied.append(k)
                return e.query(sql, fmt, qparams)
            finally:
                for k in applied:
                    try:
                        e.query(('SET %s = DEFAULT' % k).encode(), 'TabSeparated')
                    except QueryError:
                        pass


def _ident(name):
    return ('`' + name.replace('\\', '\\\\').replace('`', '\\`') + '`').encode()


def _literal(v):
    if v.lstrip('-').replace('.', '', 1).isdigit():
        return v
    return "'" + v.replace('\\', '\\\\').replace("'", "\\'") + "'"


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def main():
    ap = argparse.ArgumentParser(description='ClickHouse HTTP interface over chDB (a test fixture)')
    ap.add_argument('--lib', required=True)
    ap.add_argument('--path', required=True)
    ap.add_argument('--host', default='127.0.0.1')
    ap.add_argument('--port', type=int, default=18125)
    a = ap.parse_args()
    if a.host not in ('127.0.0.1', 'localhost', '::1'):
        sys.exit('chdb-server: listens on loopback only')
    os.makedirs(a.path, exist_ok=True)
    Handler.engine = Engine(a.lib, a.path)
    srv = Server((a.host, a.port), Handler)
    sys.stderr.write('chdb-server: ClickHouse HTTP on %s:%d over chDB, data in %s\n' % (a.host, a.port, a.path))
    srv.serve_forever()


if __name__ == '__main__':
    main()
