"""pyside6-deploy's main file for the one-folder bundle: the ``reviewer`` command itself
(the app, or the command line by its arguments), as ``reviewer/__main__.py`` runs it.

Its own file because pyside6-deploy names the build after the main file and writes next to
it; ``deploy/build.sh`` copies it, with ``pysidedeploy.spec``, into a folder outside the
checkout.

reviewer starts itself again as ``sys.executable -m MODULE``: git's merge driver during a
sync (``-m reviewer merge-file ...``), the PDF text extractor (``-P -m
reviewer.core.sources.pdfextract ...``) and a desktop entry made by a program not named
``reviewer`` (``-m reviewer``). In the bundle there is no Python: Nuitka's
``sys.executable`` names a ``python3`` beside the program that does not exist, so it is
made this program, which answers those forms itself (with the spec's
``--no-deployment-flag=self-execution``, else Nuitka's guard refuses ``-m``). The command
line has no option ``-m`` or ``-P``, so nothing a person types is taken for them.
"""

import builtins
import sys

# The program's own path, as Nuitka's multiprocessing support sets it once that is imported.
sys.executable = getattr(builtins, "__nuitka_binary_exe", None) or sys.executable


def run_module(module: str, argv: list[str]) -> int:
    if module == "reviewer":
        from reviewer.__main__ import main
    elif module == "reviewer.core.sources.pdfextract":
        from reviewer.core.sources.pdfextract import main
    else:
        print(f"reviewer: this bundle cannot run the module {module}", file=sys.stderr)
        return 2
    sys.argv = [sys.argv[0], *argv]
    return main(argv)


def run(argv: list[str]) -> int:
    flags = argv[:1] == ["-P"]          # Python's "no current folder on the path": nothing to do
    if argv[flags:flags + 1] == ["-m"] and len(argv) > flags + 1:
        return run_module(argv[flags + 1], argv[flags + 2:])
    from reviewer.__main__ import main
    return main(argv)


# Guarded: worker processes import the main module again (multiprocessing's rule).
if __name__ == "__main__":
    sys.exit(run(sys.argv[1:]))
