"""Build where it cannot harm: the new site is written beside the output folder, and put in place only when the
whole build (pages, search, PDF) has succeeded. Whatever fails, the previous site stays exactly as it was."""

from __future__ import annotations

import atexit
import logging
import os
import shutil
import tempfile
from pathlib import Path

log = logging.getLogger("mkdocs.hooks.staging")


class Staging:
    """One build's staging folder: `<parent>/.<name>.building-XXXX`, on the same disk as the output folder."""

    def __init__(self, target: Path) -> None:
        self.target = target
        target.parent.mkdir(parents=True, exist_ok=True)
        self.folder = Path(tempfile.mkdtemp(prefix=f".{target.name}.building-", dir=target.parent))
        umask = os.umask(0)
        os.umask(umask)
        self.folder.chmod(0o777 & ~umask)  # as a folder MkDocs would create, not mkdtemp's private 0700
        atexit.register(self.discard)  # interrupted (Ctrl-C, out of memory): leave no half-built folder behind

    def discard(self) -> None:
        """Remove the staging folder; the output folder is not touched."""
        shutil.rmtree(self.folder, ignore_errors=True)

    def swap_in(self) -> None:
        """Replace the output folder's content with the new site. Like MkDocs' own clean, entries whose name
        starts with a dot (.git, .nojekyll) are kept."""
        if not self.target.exists():
            self.folder.rename(self.target)
            return
        trash = Path(tempfile.mkdtemp(prefix=f".{self.target.name}.old-", dir=self.target.parent))
        old: list[str] = []
        new: list[str] = []
        try:
            for entry in self.target.iterdir():
                if not entry.name.startswith("."):
                    entry.rename(trash / entry.name)
                    old.append(entry.name)
            for entry in self.folder.iterdir():
                if (self.target / entry.name).exists():  # a dot entry the old site kept: the new one wins
                    _remove(self.target / entry.name)
                entry.rename(self.target / entry.name)
                new.append(entry.name)
        except OSError:
            for name in new:  # put the old site back as it was
                (self.target / name).rename(self.folder / name)
            for name in old:
                (trash / name).rename(self.target / name)
            trash.rmdir()
            raise
        shutil.rmtree(trash, ignore_errors=True)
        self.discard()


def _remove(path: Path) -> None:
    if path.is_dir() and not path.is_symlink():
        shutil.rmtree(path)
    else:
        path.unlink()
