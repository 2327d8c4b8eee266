"""Write a long linear git history straight into one pack, for the workspace generator.

``git fast-import`` rewrites, hashes and deltifies every changed tree in full for each
commit: with 10,000 records in one ``records/`` folder that tree is ~600 KB, and 30,000
one-file commits took it 2 min 45 s (formatting and hashing those trees, not the blobs).
Here a folder keeps its last version's bytes and where each entry starts: the new version
is the old one with the changed entries spliced in, hashed once and stored as a delta of a
few bytes against it (as fast-import does, at most 50 deltas deep). Blobs and commits are
stored whole. The pack and its version-2 index are written as git
writes them; ``git fsck --full`` checks the result (see tests/test_generate_history.py).

    history = History(repo / ".git")
    history.commit("Ann <ann@example.org>", 1751331600, "+0800", "message\\n",
                   {"records/a.md": b"..."})
    head = history.close()          # the pack is in place; point a branch at ``head``
"""

from __future__ import annotations

import hashlib
import os
import struct
import zlib
from bisect import bisect_left, insort
from itertools import accumulate
from pathlib import Path

COMMIT, TREE, BLOB, OFS_DELTA = 1, 2, 3, 6
TYPE_NAMES = {COMMIT: b"commit", TREE: b"tree", BLOB: b"blob"}
MAX_DEPTH = 50            # a folder's versions stored as deltas between whole ones (git's default)
SMALL_TREE = 4096         # bytes: a folder this small is always stored whole
FILE_MODE, DIR_MODE = b"100644", b"40000"
LEVEL = 1                 # zlib level: 3 times faster than git's 6 on whole trees; a pack ~10 % larger


def _varint(n: int) -> bytes:
    out = bytearray()
    while True:
        byte, n = n & 0x7F, n >> 7
        out.append(byte | (0x80 if n else 0))
        if not n:
            return bytes(out)


def _copy(offset: int, size: int) -> bytes:
    """Delta instructions copying ``size`` bytes from ``offset`` of the base."""
    out = bytearray()
    while size:
        chunk = min(size, 0xFFFFFF)
        command, args = 0x80, bytearray()
        for i in range(4):
            if (offset >> (8 * i)) & 0xFF:
                command |= 1 << i
                args.append((offset >> (8 * i)) & 0xFF)
        for i in range(3):
            if (chunk >> (8 * i)) & 0xFF:
                command |= 0x10 << i
                args.append((chunk >> (8 * i)) & 0xFF)
        out += bytes([command]) + args
        offset, size = offset + chunk, size - chunk
    return bytes(out)


def _insert(data: bytes) -> bytes:
    """Delta instructions inserting ``data`` (at most 127 bytes an instruction)."""
    return b"".join(bytes([len(data[i:i + 127])]) + data[i:i + 127] for i in range(0, len(data), 127))


class Pack:
    """Objects appended to one pack file; :meth:`close` writes its header count, checksum
    and index, and names both ``pack-<checksum>``."""

    def __init__(self, git_dir: Path) -> None:
        self.folder = Path(git_dir) / "objects" / "pack"
        self.folder.mkdir(parents=True, exist_ok=True)
        self.temp = self.folder / f"tmp_pack_{os.getpid()}"
        self.file = open(self.temp, "wb")  # noqa: SIM115 - written to until close()
        self.file.write(b"PACK" + struct.pack(">II", 2, 0))
        self.offset = 12
        self.objects: dict[bytes, tuple[int, int]] = {}   # sha -> (offset, crc32)

    def add(self, kind: int, data: bytes, base: bytes | None = None,
            delta: bytes | None = None) -> bytes:
        """Store an object (once) and return its sha; with ``base`` (an object's sha) and
        ``delta`` (turning that object into ``data``) it is stored as that delta."""
        digest = hashlib.sha1(b"%s %d\0" % (TYPE_NAMES[kind], len(data)))
        digest.update(data)
        sha = digest.digest()
        if sha in self.objects:
            return sha
        if base is not None:
            distance = self.offset - self.objects[base][0]
            ofs = bytearray([distance & 0x7F])
            distance >>= 7
            while distance:
                distance -= 1
                ofs.insert(0, 0x80 | (distance & 0x7F))
                distance >>= 7
            header, payload = self._header(OFS_DELTA, len(delta)) + bytes(ofs), delta
        else:
            header, payload = self._header(kind, len(data)), data
        body = zlib.compress(payload, LEVEL)
        self.file.write(header)
        self.file.write(body)
        self.objects[sha] = (self.offset, zlib.crc32(body, zlib.crc32(header)))
        self.offset += len(header) + len(body)
        return sha

    @staticmethod
    def _header(kind: int, size: int) -> bytes:
        out = bytearray([(kind << 4) | (size & 0x0F)])
        size >>= 4
        while size:
            out[-1] |= 0x80
            out.append(size & 0x7F)
            size >>= 7
        return bytes(out)

    def close(self) -> None:
        self.file.seek(8)
        self.file.write(struct.pack(">I", len(self.objects)))
        self.file.close()
        digest = hashlib.sha1()
        with open(self.temp, "rb") as f:
            while block := f.read(1 << 20):
                digest.update(block)
        checksum = digest.digest()
        with open(self.temp, "ab") as f:
            f.write(checksum)
        if self.offset >= 1 << 31:
            raise ValueError("pack over 2 GiB: large offsets are not written")
        shas = sorted(self.objects)
        fanout, count = [], 0
        for first in range(256):
            while count < len(shas) and shas[count][0] == first:
                count += 1
            fanout.append(count)
        index = b"".join([b"\377tOc", struct.pack(">I", 2), struct.pack(">256I", *fanout),
                          *shas, struct.pack(f">{len(shas)}I", *(self.objects[s][1] for s in shas)),
                          struct.pack(f">{len(shas)}I", *(self.objects[s][0] for s in shas)),
                          checksum])
        index += hashlib.sha1(index).digest()
        name = f"pack-{checksum.hex()}"
        os.replace(self.temp, self.folder / f"{name}.pack")
        (self.folder / f"{name}.idx").write_bytes(index)


class Folder:
    """One tree of the history: its entries and its last stored version, which the next
    version is a delta of (a whole version every :data:`MAX_DEPTH` versions)."""

    def __init__(self) -> None:
        self.entries: dict[bytes, bytes] = {}   # sort key (name, "/" after a folder) -> entry
        self.changed: set[bytes] = set()         # keys changed since the last version
        self.keys: list[bytes] = []              # the last version's sorted keys,
        self.offsets: list[int] = []             # where their entries start in it,
        self.data = b""                          # its bytes,
        self.sha: bytes | None = None            # its sha
        self.present: set[bytes] = set()         # its keys as a set
        self.depth = 0                           # and its depth in the delta chain
        self.size = 0                            # bytes of the entries

    def set(self, name: bytes, sha: bytes, folder: bool = False) -> None:
        key = name + b"/" if folder else name
        entry = (DIR_MODE if folder else FILE_MODE) + b" " + name + b"\0" + sha
        old = self.entries.get(key)
        self.size += len(entry) - (len(old) if old else 0)
        self.entries[key] = entry
        self.changed.add(key)

    def store(self, pack: Pack) -> bytes:
        """Store the current version (a delta of the last one if it can); its sha."""
        if self.sha is None or self.size < SMALL_TREE or self.depth >= MAX_DEPTH:
            self.keys = sorted(self.entries)
            self.data = b"".join(map(self.entries.__getitem__, self.keys))
            self.sha, self.depth = pack.add(TREE, self.data), 0
            moved = True
        else:
            base, keys, offsets = memoryview(self.data), self.keys, self.offsets
            pieces, delta, cursor = [], [_varint(len(base)), b""], 0
            for key in sorted(self.changed):
                at = bisect_left(keys, key)
                start = offsets[at]
                if start > cursor:
                    pieces.append(base[cursor:start])
                    delta.append(_copy(cursor, start - cursor))
                pieces.append(self.entries[key])
                delta.append(_insert(self.entries[key]))
                cursor = offsets[at + 1] if key in self.present else start
            if cursor < len(base):
                pieces.append(base[cursor:])
                delta.append(_copy(cursor, len(base) - cursor))
            self.data = b"".join(pieces)
            delta[1] = _varint(len(self.data))
            self.sha = pack.add(TREE, self.data, self.sha, b"".join(delta))
            self.depth += 1
            added = [key for key in self.changed if key not in self.present]
            for key in added:
                insort(self.keys, key)
            moved = bool(added)   # a changed entry keeps its length: only additions move others
        if moved:
            self.present = set(self.keys)
            self.offsets = [0, *accumulate(map(len, map(self.entries.__getitem__, self.keys)))]
        self.changed = set()
        return self.sha


class History:
    """A linear history of commits, each changing or adding some files (never removing)."""

    def __init__(self, git_dir: Path) -> None:
        self.pack = Pack(git_dir)
        self.folders: dict[str, Folder] = {"": Folder()}
        self.head: bytes | None = None

    def commit(self, identity: str, when: int, tz: str, message: str,
               files: dict[str, bytes]) -> str:
        """Commit ``files`` (path -> content) on top of the last commit; its sha."""
        dirty = {""}
        for path, content in files.items():
            folder, _, name = path.rpartition("/")
            self._folder(folder).set(name.encode(), self.pack.add(BLOB, content))
            while folder:
                dirty.add(folder)
                folder = folder.rpartition("/")[0]
        for folder in sorted(dirty, key=lambda f: (-f.count("/") - (f != ""), f)):
            sha = self.folders[folder].store(self.pack)
            if folder:
                parent, _, name = folder.rpartition("/")
                self.folders[parent].set(name.encode(), sha, folder=True)
            else:
                tree = sha
        lines = [f"tree {tree.hex()}"]
        if self.head:
            lines.append(f"parent {self.head.hex()}")
        lines += [f"author {identity} {when} {tz}", f"committer {identity} {when} {tz}", "", message]
        self.head = self.pack.add(COMMIT, "\n".join(lines).encode("utf-8"))
        return self.head.hex()

    def _folder(self, path: str) -> Folder:
        if path not in self.folders:
            self.folders[path] = Folder()
            if path:
                self._folder(path.rpartition("/")[0])
        return self.folders[path]

    def close(self) -> str:
        """Write the pack and its index; the last commit's sha."""
        self.pack.close()
        return self.head.hex()
