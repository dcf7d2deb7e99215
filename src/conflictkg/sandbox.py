"""What a worker process may do: no network for query workers, no life after its parent.

Both are Linux kernel facilities set up through ``prctl``; on other systems (or kernels without
seccomp) the functions return False and change nothing, and their callers say so.

- :func:`deny_network`: a seccomp filter makes ``socket()`` fail with ``EACCES`` for the IPv4
  and IPv6 families. A query worker calls it before opening the store, so no query it runs, by
  whatever route (``SERVICE``, a parser the endpoint did not foresee), can reach another host:
  not through Oxigraph's HTTP client, not through DNS. Unix sockets (the worker's pipe to the
  server) still work. The filter is inherited by every thread the process starts later, and can
  never be lifted.
- :func:`die_with_parent`: the kernel sends the process SIGKILL when its parent dies, so a killed
  build or server leaves no worker behind.
"""
from __future__ import annotations

import ctypes
import os
import platform
import signal
import socket
import struct

PR_SET_PDEATHSIG = 1
PR_SET_NO_NEW_PRIVS = 38
PR_SET_SECCOMP = 22
SECCOMP_MODE_FILTER = 2

# Classic BPF as seccomp reads it: (code, jt, jf, k), over struct seccomp_data {nr, arch, ip, args[6]}.
_LD_W_ABS, _JEQ_K, _RET_K = 0x20, 0x15, 0x06
_OFFSET_NR, _OFFSET_ARCH, _OFFSET_ARG0 = 0, 4, 16
_RET_ALLOW, _RET_KILL_PROCESS = 0x7FFF0000, 0x80000000
_RET_EACCES = 0x00050000 | 13  # SECCOMP_RET_ERRNO | EACCES
_SOCKET_SYSCALL = {"x86_64": (0xC000003E, 41), "aarch64": (0xC00000B7, 198)}  # AUDIT_ARCH, __NR_socket


def _libc():
    return ctypes.CDLL(None, use_errno=True)


def _network_filter(arch: int, socket_nr: int) -> bytes:
    program = [
        (_LD_W_ABS, 0, 0, _OFFSET_ARCH),
        (_JEQ_K, 1, 0, arch),                       # another ABI (e.g. x32) could name socket otherwise
        (_RET_K, 0, 0, _RET_KILL_PROCESS),
        (_LD_W_ABS, 0, 0, _OFFSET_NR),
        (_JEQ_K, 0, 3, socket_nr),                  # not socket(): allow
        (_LD_W_ABS, 0, 0, _OFFSET_ARG0),            # the address family
        (_JEQ_K, 2, 0, socket.AF_INET),
        (_JEQ_K, 1, 0, socket.AF_INET6),
        (_RET_K, 0, 0, _RET_ALLOW),
        (_RET_K, 0, 0, _RET_EACCES),
    ]
    return b"".join(struct.pack("HBBI", *instruction) for instruction in program)


def deny_network() -> bool:
    """Make every later IPv4/IPv6 socket of this process fail; True once the filter is in place."""
    known = _SOCKET_SYSCALL.get(platform.machine())
    if known is None or not hasattr(os, "sched_getaffinity"):  # not Linux on a known architecture
        return False
    code = _network_filter(*known)
    buffer = ctypes.create_string_buffer(code, len(code))

    class SockFprog(ctypes.Structure):
        _fields_ = [("len", ctypes.c_ushort), ("filter", ctypes.c_void_p)]

    program = SockFprog(len(code) // 8, ctypes.addressof(buffer))
    libc = _libc()
    if libc.prctl(PR_SET_NO_NEW_PRIVS, 1, 0, 0, 0) != 0:
        return False
    return libc.prctl(PR_SET_SECCOMP, SECCOMP_MODE_FILTER, ctypes.byref(program), 0, 0) == 0


def die_with_parent(parent: int | None = None) -> bool:
    """Have the kernel kill this process when its parent dies; True when it will.

    ``parent`` is the process id the caller knows to be its parent (by default the current
    one): if it is gone already, this process ends at once.
    """
    if not hasattr(os, "sched_getaffinity"):
        return False
    parent = parent or os.getppid()
    if _libc().prctl(PR_SET_PDEATHSIG, signal.SIGKILL, 0, 0, 0) != 0:
        return False
    if os.getppid() != parent:  # the parent died before the request took effect
        os.kill(os.getpid(), signal.SIGKILL)
    return True


def children_die_with_this_process() -> None:
    """Every process forked from this one from now on dies with it (set at once after the fork,
    before the child imports anything, so no kill can fall between its birth and the request)."""
    this = os.getpid()
    os.register_at_fork(after_in_child=lambda: die_with_parent(this))
