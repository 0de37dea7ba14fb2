"""The ``disclose`` command line: a thin layer that parses options and hands over to the core.

Commands are imported only when run, so ``disclose --help`` loads click and nothing heavy.
"""

from __future__ import annotations

import importlib
import os
import signal
import sys
from pathlib import Path

import click

from .. import __version__
from .exitcodes import ExitCode
from ..base.locations import InputError

COMMANDS: dict[str, str] = {
    "validate": "disclose_cli.cli.validate",
    "check": "disclose_cli.cli.check",
    "due": "disclose_cli.cli.due",
    "workdays": "disclose_cli.cli.workdays",
    "rules": "disclose_cli.cli.rules",
    "report": "disclose_cli.cli.report",
    "annual-report": "disclose_cli.cli.annual_report",
    "plan": "disclose_cli.cli.plan",
    "config": "disclose_cli.cli.config",
    "schema": "disclose_cli.cli.schema",
    "init": "disclose_cli.cli.init",
    "tasks": "disclose_cli.cli.listing",
    "units": "disclose_cli.cli.listing",
}


class LazyGroup(click.Group):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        return getattr(importlib.import_module(COMMANDS[name]), name.replace("-", "_"))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(__version__, "-V", "--version", prog_name="disclose")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False, exists=True), metavar="FILE",
              help="The data repository's configuration (default: disclose.yaml here or in a parent folder).")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, debug: bool) -> None:
    """Check government-transparency (政务公开) work against the year's task table and the law.

    Keep the yearly task table and each unit's progress as YAML; disclose validates the files, tells who is
    late and why, and writes reports.
    """
    ctx.obj = {"debug": debug, "config": config}


def main() -> None:
    code: int = ExitCode.INTERRUPTED
    try:
        code = _run()
        # The work is done and written: a Ctrl-C from now on changes nothing.
        signal.signal(signal.SIGINT, signal.SIG_IGN)
    except KeyboardInterrupt:  # it came as the command was returning
        click.echo("disclose: interrupted", err=True)
    _exit(int(code or 0))


def _run() -> int:
    debug = "--debug" in sys.argv[1:]
    try:
        code = cli.main(standalone_mode=False)
    except click.exceptions.Exit as stop:
        code = stop.exit_code
    except SystemExit as stop:  # a command's own exit code
        code = stop.code if isinstance(stop.code, int) else (ExitCode.OK if stop.code is None else ExitCode.INVALID)
    except click.ClickException as error:
        error.show()
        code = ExitCode.INVALID
    except InputError as error:
        for problem in error.problems:
            click.echo(str(problem), err=True)
        code = ExitCode.INVALID
    except click.exceptions.Abort:  # click's form of Ctrl-C
        click.echo("disclose: interrupted; nothing was written", err=True)
        code = ExitCode.INTERRUPTED
    except KeyboardInterrupt:
        click.echo("disclose: interrupted; nothing was written", err=True)
        code = ExitCode.INTERRUPTED
    except BrokenPipeError:
        sys.stderr.close()
        code = ExitCode.OK
    except Exception as error:  # the last line of defence: no traceback unless asked for
        if debug:
            raise
        click.echo(f"disclose: internal error: {type(error).__name__}: {error}\n"
                   "Please rerun with --debug and report the traceback.", err=True)
        code = ExitCode.INTERNAL
    return code


def _exit(code: int) -> None:
    """Exit without tearing down every object one by one: after a large check that alone takes a second, and
    nothing is left to do but flush the output."""
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (BrokenPipeError, ValueError):
        pass
    os._exit(code)


if __name__ == "__main__":
    main()
