"""Whether what is installed gives newsroom all that pyproject.toml asks, the named extras too.

    python scripts/check_lock.py dev

`pip check` reads a package's plain requirements only. make's dev stamp runs this after
installing requirements/dev.txt, so that a tool added to the dev extra without `make lock`
stops the install with its name instead of failing later as a missing module.
"""

import sys
from importlib.metadata import PackageNotFoundError, requires, version

from packaging.requirements import Requirement


def unmet(extras, project="newsroom"):
    """The project's requirements (plain, and those of `extras`) that nothing installed meets."""
    found = []
    for line in requires(project) or []:
        requirement = Requirement(line)
        marker = requirement.marker
        if marker and not any(marker.evaluate({"extra": extra}) for extra in ["", *extras]):
            continue
        try:
            installed = version(requirement.name)
        except PackageNotFoundError:
            found.append(f"{requirement}: not installed")
            continue
        if not requirement.specifier.contains(installed, prereleases=True):
            found.append(f"{requirement}: {installed} installed")
    return found


def main(extras):
    found = unmet(extras)
    for problem in found:
        print(problem, file=sys.stderr)
    if found:
        print("pyproject.toml asks for more than the lock holds: run `make lock`.", file=sys.stderr)
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
