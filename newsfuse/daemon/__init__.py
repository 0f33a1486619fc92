"""The resident process (``newsfuse daemon start|stop|status``) that keeps spaCy loaded.

- :mod:`newsfuse.daemon.client`: standard library only, imported by the launcher
  (newsfuse/cli.py) on every command: where the socket is, the code's fingerprint, and handing a
  command over to a running daemon.
- :mod:`newsfuse.daemon.server`: the daemon itself, a fork server. It imports the CLI and the
  analysis, loads the spaCy pipeline once, and forks one child per command; the child takes the
  client's stdin, stdout and stderr, working folder, environment and arguments and runs the same
  ``main()`` as an in-process run would.
"""

__all__: list[str] = []
