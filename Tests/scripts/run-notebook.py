#!/usr/bin/env python3
"""Executes a notebook with nbclient on this interpreter's kernel (the project's .venv); exits 1
when a cell fails. The executed copy (with outputs) is written to .build/notebooks/."""
import pathlib
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError


def main(path):
    path = pathlib.Path(path).resolve()
    nb = nbformat.read(path, as_version=4)
    client = NotebookClient(nb, timeout=900, kernel_name="python3",
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
    nbformat.write(nb, out)
    cells = sum(1 for c in nb.cells if c.cell_type == "code")
    print(f"notebook {path.name}: {cells} cells ran; executed copy: {out}")
    print("notebook: 1 passed, 0 failed")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
