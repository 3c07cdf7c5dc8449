#!/usr/bin/env python3
"""Executes a notebook with nbclient on this interpreter's kernel (the project's .venv); exits 1
when a cell fails. The executed copy (with outputs) is written to .build/notebooks/.

The notebook is committed executed, so that its tables and plots can be read on the repository
page: this fails too when a code cell of the committed copy has no execution count or the copy has
no plot. `run-notebook.py --write NOTEBOOK` executes it and writes it back in place (no timing
metadata), which is how the committed copy is made."""
import pathlib
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def committed_unexecuted(nb):
    """Why the committed copy does not count as executed, or None."""
    code = [c for c in nb.cells if c.cell_type == "code"]
    missing = [i for i, c in enumerate(code) if c.get("execution_count") is None]
    if missing:
        return f"code cells {missing} have not been run (run-notebook.py --write)"
    if not any("image/png" in o.get("data", {}) for c in code for o in c.get("outputs", [])):
        return "no plot in its outputs (run-notebook.py --write)"
    return None


def main(path, write=False):
    path = pathlib.Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    if not write and (why := committed_unexecuted(nb)):
        print(f"notebook {path.name}: committed without outputs: {why}", file=sys.stderr)
        print(f"notebook {path.name}: 0 passed, 1 failed")
        return 1
    client = NotebookClient(nb, timeout=900, kernel_name="python3", record_timing=not write,
                            resources={"metadata": {"path": str(path.parent)}})
    out = pathlib.Path(__file__).resolve().parents[2] / ".build" / "notebooks" / path.name
    out.parent.mkdir(parents=True, exist_ok=True)
    try:
        client.execute()
    except CellExecutionError as e:
        nbformat.write(nb, out)
        print(e, file=sys.stderr)
        print(f"notebook {path.name}: 0 passed, 1 failed (executed copy: {out})")
        return 1
    nbformat.write(nb, path if write else out)
    if write:
        out = path
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"notebook {path.name}: {cells} cells ran; executed copy: {out}")
    print("notebook: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    args = sys.argv[1:]
    sys.exit(main(args[-1], write="--write" in args[:-1]))
