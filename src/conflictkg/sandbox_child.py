"""Imported by a fork server as it starts (``set_forkserver_preload``): the server dies with the
build that started it, and each worker it forks dies with the server.

A module, not a function call, because a fork server runs no code of ours but its preloads.
"""
from conflictkg.sandbox import children_die_with_this_process, die_with_parent

die_with_parent()
children_die_with_this_process()
