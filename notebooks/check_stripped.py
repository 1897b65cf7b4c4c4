#!/usr/bin/env python3
"""Check that committed notebooks carry no outputs (the policy of this repository).

    python notebooks/check_stripped.py notebooks/explore.ipynb          # exit 1 if not stripped
    python notebooks/check_stripped.py --fix notebooks/explore.ipynb    # strip in place

A committed notebook has, in every code cell, `outputs: []` and `execution_count: null`, no
per-cell execution timings, and the kernel `python3` (so `make notebook` runs it with the
kernel of its own virtual environment). `--fix` removes outputs, counts and timings, sets the
kernel, resets `language_info` to the language alone (no version), and writes the file the
way Jupyter does (1-space indent, sorted keys, UTF-8).
Standard library only; nbformat, when installed, also validates the notebook's structure.
"""

import json
import sys
from pathlib import Path

KERNELSPEC = {"name": "python3", "display_name": "Python 3 (ipykernel)", "language": "python"}
VOLATILE_CELL_METADATA = ("execution", "collapsed", "scrolled")


def problems(nb):
    found = []
    for i, cell in enumerate(nb.get("cells", [])):
        if cell.get("cell_type") != "code":
            continue
        where = f"cell {i} ({cell.get('id', 'no id')})"
        if cell.get("outputs"):
            found.append(f"{where}: has {len(cell['outputs'])} output(s)")
        if cell.get("execution_count") is not None:
            found.append(f"{where}: has execution_count {cell['execution_count']}")
        if "execution" in cell.get("metadata", {}):
            found.append(f"{where}: has execution timings in its metadata")
    name = nb.get("metadata", {}).get("kernelspec", {}).get("name")
    if name != KERNELSPEC["name"]:
        found.append(f"metadata.kernelspec.name is {name!r}, not {KERNELSPEC['name']!r}")
    return found


def strip(nb):
    for cell in nb.get("cells", []):
        if cell.get("cell_type") == "code":
            cell["outputs"] = []
            cell["execution_count"] = None
        for key in VOLATILE_CELL_METADATA:
            cell.get("metadata", {}).pop(key, None)
    meta = nb.setdefault("metadata", {})
    meta["kernelspec"] = dict(KERNELSPEC)
    meta["language_info"] = {"name": "python"}  # Jupyter adds the Python version etc. on save
    meta.pop("widgets", None)
    return nb


def validate(path):
    try:
        import nbformat
    except ImportError:
        return None
    try:
        nbformat.validate(nbformat.read(path, as_version=4))
    except Exception as e:  # noqa: BLE001 - any failure is reported, with its message
        return f"{path}: not a valid notebook: {e}"
    return None


def main(argv):
    fix = "--fix" in argv
    paths = [a for a in argv if a != "--fix"]
    if not paths:
        print(__doc__.strip(), file=sys.stderr)
        return 2
    failed = False
    for path in map(Path, paths):
        text = path.read_text(encoding="utf-8")
        nb = json.loads(text)
        if fix:
            out = json.dumps(strip(nb), indent=1, sort_keys=True, ensure_ascii=False) + "\n"
            if out != text:
                path.write_text(out, encoding="utf-8")
                print(f"{path}: stripped")
            continue
        found = problems(nb)
        invalid = validate(path)
        if invalid:
            found.append(invalid)
        if found:
            failed = True
            print(f"{path}: the committed notebook must have no outputs:", file=sys.stderr)
            for p in found:
                print(f"  - {p}", file=sys.stderr)
            print(
                f"  Strip it with `make notebook-strip` (or `python3 {sys.argv[0]} --fix {path}`), "
                "or in Jupyter: Edit > Clear Outputs of All Cells, then save.",
                file=sys.stderr,
            )
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
