"""Every command the README (and docs/) names exists, so a reader who copies one gets no
"invalid choice" or "No rule to make target".

The shell blocks (```sh, ```bash, ```shell, ```console) and the inline code that starts
with ``make`` or ``python`` are parsed, whatever the prose around them says, so the check
keeps working when the README is rewritten:

* ``python -m PACKAGE ...`` for a package of this repository (one with ``__main__.py``):
  its subcommands, sub-subcommands and ``--options`` appear in that level's ``--help``,
  which is produced in-process by the package's ``main(argv)`` (no subprocess);
* ``make TARGET ... VAR=value``: the target is a rule of the Makefile, the variable is one
  the Makefile reads;
* a script (``bench/extract_bench.py``, ``dashboard.py``) or ``pip install -r FILE``: the
  file is in the repository.

Placeholders are written in capitals or with a dot or slash (``ARTICLE.txt``,
``SOURCE-ID``, ``OUT/``): a bare lowercase word where a CLI takes its first argument is
read as a subcommand.
"""

from __future__ import annotations

import contextlib
import importlib
import io
import re
import shlex
from dataclasses import dataclass
from functools import cache

import pytest

from tests.conftest import ROOT

DOCUMENTS = [ROOT / "README.md", *sorted((ROOT / "docs").glob("*.md"))]
SHELL_BLOCK = re.compile(r"^```(?:sh|bash|shell|console)[^\n]*\n(.*?)^```", re.M | re.S)
WORD = re.compile(r"[a-z][a-z0-9_-]*")
"""A subcommand as a reader types it; placeholders are capitals, files have a dot or slash."""
SEPARATORS = {"|", "||", "&&", ";", "&", "(", ")"}


@dataclass(frozen=True)
class Command:
    """One simple command of a shell block: where it is written and its words."""

    where: str
    words: tuple[str, ...]

    def __str__(self) -> str:
        return f"{self.where}: {' '.join(self.words)}"


def shell_commands(markdown: str, name: str) -> list[Command]:
    """The simple commands of every shell block, comments and prompts dropped.

    >>> block = "```sh\\n$ make run PORT=1 # go\\ncat a | python -m dataset \\\\\\n  review X\\n```"
    >>> [c.words for c in shell_commands(block + "\\n", "R.md")]
    [('make', 'run', 'PORT=1'), ('cat', 'a'), ('python', '-m', 'dataset', 'review', 'X')]
    """
    commands: list[Command] = []
    for block in SHELL_BLOCK.finditer(markdown):
        first_line = markdown.count("\n", 0, block.start(1)) + 1
        for number, line in _logical_lines(block.group(1), first_line):
            line = re.sub(r"^\s*\$\s+", "", line)
            lexer = shlex.shlex(line, posix=True, punctuation_chars=True)
            lexer.whitespace_split = True
            lexer.commenters = "#"
            words: list[str] = []
            for token in [*lexer, ";"]:
                if token in SEPARATORS:
                    if words:
                        commands.append(Command(f"{name}:{number}", tuple(words)))
                    words = []
                else:
                    words.append(token)
    return commands


INLINE = re.compile(r"`((?:make|(?:\S*/)?python3?) [^`]+)`")
"""A command in running text: ```make run PORT=8600``` or ```python -m dataset validate```."""
ANY_BLOCK = re.compile(r"^```.*?^```", re.M | re.S)


def inline_commands(markdown: str, name: str) -> list[Command]:
    """The commands written as inline code in the prose (fenced blocks left out).

    >>> [c.words for c in inline_commands("Use `make run PORT=1` or `ls`.", "R.md")]
    [('make', 'run', 'PORT=1')]
    """
    prose = ANY_BLOCK.sub(lambda m: "\n" * m.group(0).count("\n"), markdown)
    return [
        Command(f"{name}:{prose.count(chr(10), 0, m.start()) + 1}", tuple(shlex.split(m.group(1))))
        for m in INLINE.finditer(prose)
    ]


def _logical_lines(block: str, first_line: int) -> list[tuple[int, str]]:
    """Lines of a block with backslash continuations joined, each with its first line number."""
    out: list[tuple[int, str]] = []
    pending, start = "", first_line
    for number, line in enumerate(block.splitlines(), first_line):
        if not pending:
            start = number
        if line.rstrip().endswith("\\"):
            pending += line.rstrip()[:-1] + " "
            continue
        out.append((start, pending + line))
        pending = ""
    if pending:
        out.append((start, pending))
    return out


def documented() -> list[Command]:
    return [
        command
        for path in DOCUMENTS
        for text in [path.read_text(encoding="utf-8")]
        for command in [*shell_commands(text, path.name), *inline_commands(text, path.name)]
    ]


COMMANDS = documented()


def command_id(command: Command) -> str:
    return str(command)[:90]


def repo_module(words: tuple[str, ...]) -> tuple[str, list[str]] | None:
    """``(package, args)`` for ``python -m PACKAGE args`` of a package of this repository."""
    if not re.search(r"(^|/)python3?$", words[0]) or "-m" not in words:
        return None
    at = words.index("-m")
    if at + 1 >= len(words) or not (ROOT / words[at + 1] / "__main__.py").is_file():
        return None
    return words[at + 1], [w.strip("[]") for w in words[at + 2 :] if w.strip("[]")]


@cache
def help_text(package: str, path: tuple[str, ...]) -> str:
    """``python -m PACKAGE *path --help``, in-process; '' if it did not print a help."""
    main = importlib.import_module(f"{package}.__main__").main
    out, err = io.StringIO(), io.StringIO()
    with contextlib.redirect_stdout(out), contextlib.redirect_stderr(err):
        try:
            main([*path, "--help"])
        except SystemExit as exit_:
            if exit_.code not in (0, None):
                return ""
    return out.getvalue()


def mentions(text: str, word: str) -> bool:
    """``word`` stands alone in ``text`` (not inside ``--words`` or ``words``)."""
    return re.search(rf"(?<![\w-]){re.escape(word)}(?![\w-])", text) is not None


def takes_value(help_: str, option: str) -> bool:
    """The help shows ``option`` followed by a metavar or a set of choices."""
    return re.search(rf"(?<![\w-]){re.escape(option)}[ =](?:[A-Z{{]|\[)", help_) is not None


def choices(help_: str) -> set[str]:
    """The subcommands the usage lines list, as argparse writes them: ``{a,b,c}``.

    >>> sorted(choices("usage: x [-h] [--format {yaml,json}] {add,batch} ...\\n\\nmore"))
    ['add', 'batch']
    """
    usage = re.sub(r"-[\w-]+ \{[^}]*\}", "", help_.split("\n\n", 1)[0])  # an option's choices
    return {c for group in re.findall(r"\{([\w,-]+)\}", usage) for c in group.split(",")}


def check_repo_cli(package: str, args: list[str]) -> None:
    path: list[str] = []
    help_ = help_text(package, ())
    assert help_, f"python -m {package} --help printed no help"
    skip, arguments = False, False
    for word in args:
        if skip:
            skip = False
            continue
        if word.startswith("-") and word != "-":
            option = word.split("=", 1)[0]
            assert mentions(help_, option), (
                f"{option} is not in `python -m {' '.join([package, *path])} --help`"
            )
            skip = "=" not in word and takes_value(help_, option)
            continue
        level = choices(help_)
        subcommand = word in level or (
            WORD.fullmatch(word) is not None and (bool(level) or not path)
        )
        if arguments or not subcommand:
            arguments = True  # a file, an id, a value: the subcommands ended
            continue
        assert mentions(help_, word), (
            f"{word!r} is not listed by `python -m {' '.join([package, *path])} --help`"
        )
        path.append(word)
        help_ = help_text(package, tuple(path))
        assert f"python -m {package} {' '.join(path)}" in help_, (
            f"`python -m {package} {' '.join(path)} --help` prints no usage of its own"
        )


@cache
def makefile() -> tuple[set[str], str]:
    """The Makefile's rule names and its text."""
    text = (ROOT / "Makefile").read_text(encoding="utf-8")
    targets = {
        name
        for line in text.splitlines()
        if (rule := re.match(r"^([^\s#:=][^:=]*?)\s*::?(?!=)", line))
        for name in rule.group(1).split()
    }
    return targets, text


def check_make(args: tuple[str, ...]) -> None:
    targets, text = makefile()
    for word in args:
        if word.startswith("-"):
            continue
        if "=" in word:
            variable = word.split("=", 1)[0]
            assert re.search(rf"\$[({{]{re.escape(variable)}[)}}]", text), (
                f"the Makefile never reads {variable}"
            )
        else:
            assert word in targets, f"the Makefile has no target {word!r}"


def check_files(words: tuple[str, ...]) -> None:
    for before, word in zip(("", *words), words, strict=False):
        if word.endswith(".py") or before == "-r":
            assert (ROOT / word).is_file(), f"{word} is not in the repository"


def test_the_docs_name_commands() -> None:
    """The parser found the README's commands (an empty list would check nothing)."""
    names = {c.words[0].rsplit("/", 1)[-1] for c in COMMANDS}
    assert {"make", "python"} <= names, names
    assert any(repo_module(c.words) for c in COMMANDS)


@pytest.mark.parametrize("command", COMMANDS, ids=command_id)
def test_documented_command_exists(command: Command) -> None:
    words = command.words
    if words[0] == "make":
        check_make(words[1:])
    elif module := repo_module(words):
        check_repo_cli(*module)
    check_files(words)


@pytest.mark.parametrize(
    ("markdown", "problem"),
    [
        ("```sh\nmake tset\n```\n", "no target 'tset'"),
        ("```sh\nmake run PROT=8600\n```\n", "never reads PROT"),
        ("```sh\npython -m dataset valdate data/\n```\n", "'valdate' is not listed"),
        ("```sh\npython -m dataset review X --stauts approved\n```\n", "--stauts is not in"),
        ("```sh\npython -m extractors a.txt --ouput x.yaml\n```\n", "--ouput is not in"),
        ("```sh\n.venv/bin/python bench/no_such_bench.py\n```\n", "not in the repository"),
    ],
)
def test_a_wrong_command_is_caught(markdown: str, problem: str) -> None:
    """The check fails on the mistakes a rewrite makes: a misspelt target, subcommand,
    option or script."""
    [command] = shell_commands(markdown, "x.md")
    with pytest.raises(AssertionError, match=re.escape(problem)):
        test_documented_command_exists(command)


def test_placeholders_are_not_subcommands() -> None:
    """Files, ids and option values are arguments, not subcommands."""
    commands = shell_commands(
        "```sh\npython -m extractors articles/ --format json\n"
        "python -m dataset review SOURCE-ID [--status candidate]\n"
        "cat a.txt | python -m extractors - --source-id my-article\n```\n",
        "x.md",
    )
    for command in commands:
        test_documented_command_exists(command)
