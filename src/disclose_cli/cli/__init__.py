"""The ``disclose`` command line: a thin layer that parses options, calls the core and maps outcomes to exit codes.

Commands are imported only when run, so ``disclose --help`` loads click and nothing heavy. ``main(argv)``
returns the exit code to its caller and leaves the interpreter as it found it; what only a real process should
do (signal handlers, freezing the collector, the fast exit) is ``disclose_cli.entry``'s.
"""

from __future__ import annotations

import importlib
from pathlib import Path
from typing import Callable, Sequence

import click

from .. import __version__
from ..base.installation import IncompleteInstallation
from ..base.locations import InputError
from ..base.phrase import Phrase, lang_on_command_line
from ..base.stopping import Terminated
from ..calendar.years import OutOfCalendar
from .exitcodes import ExitCode
from .help import WholeSentenceGroup, in_cells

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
    "workbook": "disclose_cli.cli.workbook",
    "import": "disclose_cli.cli.import_report:import_report",  # ``import`` is a Python keyword
}


class LazyGroup(WholeSentenceGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        if name not in COMMANDS:
            return None
        module, _, attribute = COMMANDS[name].partition(":")
        return in_cells(getattr(importlib.import_module(module), attribute or name.replace("-", "_")))


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100},
             epilog="Examples:\n\n  disclose check reports --as-of 2024-12-31\n\n"
                    "  disclose validate reports --lang en\n\n  disclose report reports --period 2024Q3 -o q3.html")
@click.version_option(__version__, "-V", "--version", prog_name="disclose")
@click.option("--config", type=click.Path(path_type=Path, dir_okay=False, exists=True), metavar="FILE",
              help="The data repository's configuration (default: disclose.yaml here or in a parent folder).")
@click.option("--allow-outside-paths", is_flag=True,
              help="Let disclose.yaml name files and folders outside its own folder (by default they must stay "
                   "inside, since anyone who can edit the file could point it anywhere).")
@click.option("--debug", is_flag=True, help="Show a traceback when something goes wrong.")
@click.pass_context
def cli(ctx: click.Context, config: Path | None, allow_outside_paths: bool, debug: bool) -> None:
    """Check government-transparency (政务公开) work against the year's task table and the law.

    Keep the yearly task table and each unit's progress as YAML; disclose validates the files, tells who is
    late and why, and writes reports.
    """
    ctx.ensure_object(dict).update(debug=debug, config=config, allow_outside_paths=allow_outside_paths)


def main(argv: Sequence[str] | None = None, *, after_loading: Callable[[], None] | None = None) -> int:
    """Run one command line and return its exit code: 0 ok, 1 compliance failures, 2 invalid input or usage,
    3 a bug in disclose (a one-line message; ``--debug`` raises it instead), 4 an incomplete installation,
    130 interrupted.

    ``after_loading`` is called once the report files are loaded (the console script freezes the collector).
    """
    import sys

    from ..output.written import recording_writes

    args = list(sys.argv[1:] if argv is None else argv)
    # The language is known before anything can go wrong: a problem met while parsing is told in it too.
    obj = {"after_loading": after_loading, "lang": lang_on_command_line(args)}
    with recording_writes() as written:
        return _run(args, obj, written)


def _run(args: list[str], obj: dict, written: list[Path]) -> int:
    try:
        code = cli.main(args=args, prog_name="disclose", standalone_mode=False, obj=obj)
    except click.exceptions.Exit as stop:
        code = stop.exit_code
    except SystemExit as stop:  # a command's own exit code
        code = stop.code if isinstance(stop.code, int) else (ExitCode.OK if stop.code is None else ExitCode.INVALID)
    except click.ClickException as error:
        error.show()
        code = ExitCode.INVALID
    except InputError as error:
        from .common import current_lang, show_problems

        show_problems(error.problems, current_lang(obj), obj)
        code = ExitCode.INVALID
    except OutOfCalendar as error:  # a count given on the command line that leads past the calendar's years
        _say(obj, error.phrase)
        code = ExitCode.INVALID
    except IncompleteInstallation as error:
        _say(obj, error.phrase)
        code = ExitCode.INSTALLATION
    except (click.exceptions.Abort, KeyboardInterrupt):  # click's form of Ctrl-C, and Python's
        _say(obj, _stopped(False, written))
        code = ExitCode.INTERRUPTED
    except Terminated as stop:  # SIGTERM or SIGHUP, as the console script turns them into an exception
        _say(obj, _stopped(True, written))
        code = 128 + stop.signum
    except BrokenPipeError:
        code = ExitCode.OK
    except Exception as error:  # the last line of defence: no traceback unless asked for
        if "--debug" in args:
            raise
        detail = f"{type(error).__name__}: {error}"
        _say(obj, Phrase(f"internal error: {detail}\nPlease rerun with --debug and report the traceback.",
                         f"内部错误：{detail}\n请加 --debug 重新运行，并将显示的错误信息报告给维护人员。"))
        code = ExitCode.INTERNAL
    return int(code or 0)


def _stopped(terminated: bool, written: list[Path]) -> Phrase:
    """What a stopped run has left: no file at all (a half-written one is always removed), or the files it had
    already written in full (a stop can come just after the last one was put in place)."""
    if not written:
        return (Phrase("terminated; no file was written", "已终止，未写入任何文件") if terminated
                else Phrase("interrupted; no file was written", "已中断，未写入任何文件"))
    names = ", ".join(map(str, written))
    return (Phrase(f"terminated; {names} had been written in full", f"已终止；{names}此前已完整写入") if terminated
            else Phrase(f"interrupted; {names} had been written in full", f"已中断；{names}此前已完整写入"))


def _say(obj: dict, phrase: Phrase) -> None:
    """A message about the run itself, on stderr, in the run's language."""
    from .common import current_lang

    click.echo(f"disclose: {phrase.pick(current_lang(obj))}", err=True)
