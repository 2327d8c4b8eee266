"""Signed commits: git signs a verify or reopen by itself when ``commit.gpgsign`` is on (with
gpg, gpgsm or ssh-keygen, as ``gpg.format`` says); here is what to tell the user when
signing fails, and what a commit's signature check says, for the history.

Signing fails before git writes the commit, so nothing is committed and the verify puts the
record back as for any refusal; the refusal says that signing is on, what failed, and how to
fix it or turn it off. Git's trace2 log names the signing program and how it ended, so this
is told apart from other failures in any language git speaks.

Whether a commit is signed is read from its object (a ``gpgsig`` header): cheap, done for
every commit of a history. Checking a signature runs gpg or ssh-keygen once per signed
commit, so it is done in one git process for the signed commits shown only, in its own
process group and with a deadline: a gpg that waits for a key server or a prompt is stopped,
and what it did not check reads "not checked".
"""

from __future__ import annotations

from dataclasses import dataclass

from reviewer.core.errors import SigningFailed
from reviewer.core.review.gitprocess import GitRun, HookTrace
from reviewer.core.review.gitrepo import GitRepo

NONE, GOOD, UNVERIFIED, BAD = "none", "good", "unverified", "bad"
CHECK_TIMEOUT = 20.0   # seconds for checking all the signatures of one history
SIGNING_KEY = "commit.gpgsign"

# git's %G?: G good; U good, key of unknown validity; E cannot be checked (no key, no allowed
# signers file); N no signature (also what git 2.39 says of an SSH signature it cannot check
# for want of an allowed signers file); B bad; X expired signature; Y expired key; R revoked.
_STATUS = {"G": GOOD, "U": UNVERIFIED, "E": UNVERIFIED, "N": UNVERIFIED,
           "B": BAD, "X": BAD, "Y": BAD, "R": BAD}
_FIELD, _COMMIT = "\x1f", "\x1e"
_CHECK_FORMAT = "%H%x1f%G?%x1f%GS%x1f%GK%x1e"
_ARMOR = ((b"-----BEGIN SSH SIGNATURE", "ssh"), (b"-----BEGIN SIGNED MESSAGE", "x509"))
_PROGRAM = {"openpgp": ("gpg", "gpg.program"), "x509": ("gpgsm", "gpg.x509.program"),
            "ssh": ("ssh-keygen", "gpg.ssh.program")}
# What git says about signing when no signing program ran (the settings' names are never
# translated), and, in English, when one did.
_SIGNING_WORDS = ("signingkey", "gpg.ssh.", "gpg.program", "gpg.format", "ssh-keygen",
                  "ssh signing", "failed to sign", "couldn't load public key")


@dataclass(frozen=True)
class Signature:
    """A commit's signature and what checking it here said."""
    status: str = NONE    # none | good | unverified (cannot be checked here) | bad
    code: str = "N"       # git's %G? letter
    kind: str = ""        # ssh | openpgp | x509, from the signature itself
    signer: str = ""      # who signed (%GS): an SSH allowed signer's name, an OpenPGP user id
    key: str = ""         # the key (%GK): an SSH key's fingerprint, an OpenPGP key id
    note: str = ""        # why it was not checked, when git did not say
    checked: bool = True  # False: signed, its check not run yet (see :func:`unchecked`)

    @property
    def signed(self) -> bool:
        return self.status != NONE

    @property
    def mark(self) -> str:
        """A word or two beside the commit: ``signed ✓`` (checked, good), ``signed`` (cannot
        be checked here), ``BAD signature``, or nothing."""
        return {GOOD: "signed ✓", UNVERIFIED: "signed", BAD: "BAD signature"}.get(self.status, "")

    def describe(self) -> str:
        """One line for a person: what the signature check says, and what to do about it."""
        key = f"key {self.key}" if self.key else "an unknown key"
        by = f" by {self.signer}" if self.signer else ""
        if self.status == NONE:
            return "not signed"
        if not self.checked:
            return "signed; the signature is not checked yet"
        if self.status == GOOD:
            return f"signature good: signed{by} with {key}"
        if self.note:
            return f"signed, but not checked: {self.note}"
        if self.status == UNVERIFIED:
            if self.kind == "ssh" and self.code == "U":
                return (f"signed with SSH {key}, which this clone does not trust: it is not "
                        "in the allowed signers file (gpg.ssh.allowedSignersFile)")
            if self.kind == "ssh":
                return ("signed, but this clone cannot check it: set gpg.ssh.allowedSignersFile "
                        "to an existing file of the signers' SSH public keys")
            if self.code == "U":
                return f"signature good{by}, but {key} is not trusted (unknown validity)"
            return (f"signed with {key}, but this clone cannot check it: import the signer's "
                    "public key (gpg --import)")
        what = {"X": "the signature has expired", "Y": f"signed with an expired {key}",
                "R": f"signed with a revoked {key}"}
        return "BAD signature: " + what.get(self.code, f"the commit is not what was signed{by} "
                                                       f"with {key}")

    def to_json(self) -> dict:
        return {"signed": self.signed, "signature": self.status, "signer": self.signer or None,
                "signing_key": self.key or None, "signature_note": self.describe()}


def signature_kind(raw: bytes | None) -> str:
    """How the raw commit object is signed: ``ssh``, ``openpgp``, ``x509``, or ``""``."""
    headers = (raw or b"").split(b"\n\n", 1)[0]
    for marker in (b"\ngpgsig ", b"\ngpgsig-sha256 "):
        at = headers.find(marker)
        if at >= 0:
            armor = headers[at + len(marker):at + len(marker) + 40]
            return next((kind for start, kind in _ARMOR if armor.startswith(start)), "openpgp")
    return ""


def unchecked(kind: str) -> Signature:
    """A signature seen and not checked yet (the app shows the history before the checks)."""
    return Signature(UNVERIFIED, "", kind, checked=False) if kind else Signature()


def check(repo: GitRepo, kinds: dict[str, str],
          timeout: float = CHECK_TIMEOUT) -> dict[str, Signature]:
    """What git says of each signed commit's signature (``kinds``: commit -> how it is signed,
    from :func:`signature_kind`): one git process for all, stopped after ``timeout``."""
    if not kinds:
        return {}
    run = repo.run_guarded("log", "--no-walk=unsorted", "--stdin", "--no-show-signature",
                           f"--format={_CHECK_FORMAT}", env={"GIT_TERMINAL_PROMPT": "0"},
                           timeout=timeout, stdin="".join(f"{sha}\n" for sha in kinds).encode())
    found = {}
    for chunk in run.out.decode("utf-8", "replace").split(_COMMIT):
        parts = chunk.strip("\n").split(_FIELD)
        if len(parts) == 4 and parts[0] in kinds:
            sha, code, signer, key = parts
            found[sha] = Signature(_STATUS.get(code, UNVERIFIED), code, kinds[sha], signer, key)
    if run.timed_out:
        note = f"checking the signatures did not finish within {timeout:g} s"
    else:
        note = "git could not check it" + (f" ({_first_line(run)})" if _first_line(run) else "")
    return {sha: found.get(sha) or Signature(UNVERIFIED, "", kind, note=note)
            for sha, kind in kinds.items()}


def _first_line(run: GitRun) -> str:
    return next((line.strip() for line in run.err.decode("utf-8", "replace").splitlines()
                 if line.strip()), "")


# ---- signing a commit ------------------------------------------------------------------------
def _config(repo: GitRepo, key: str, *options: str) -> str:
    status, out, _ = repo.run("config", *options, "--get", key)
    return out.strip() if status == 0 else ""


def signing_on(repo: GitRepo) -> bool:
    """Git signs the commits made here (``commit.gpgsign``)."""
    return _config(repo, SIGNING_KEY, "--type=bool") == "true"


def signing_refusal(repo: GitRepo, text: str, trace: HookTrace) -> SigningFailed | None:
    """The refusal to raise when signing is what made ``git commit`` fail (its output
    ``text``), saying how to fix it or turn it off; None when it is not."""
    signer_failed = trace.signer is not None and trace.signer_code != 0
    if not (signer_failed or any(w in text.lower() for w in _SIGNING_WORDS)) \
            or not signing_on(repo):
        return None
    fmt = _config(repo, "gpg.format") or "openpgp"
    program, program_key = _PROGRAM.get(fmt, _PROGRAM["openpgp"])
    program = trace.signer or _config(repo, program_key) or program
    key = _config(repo, "user.signingkey")
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    said = [line.split(": ", 1)[1] if line.startswith(("error: ", "fatal: ")) else line
            for line in lines]
    said = [line for line in said if line != "failed to write commit object"]
    if trace.signer_code == -1:
        what = f"{program} could not be run"
        fix = f"install it ({'openssh-client' if fmt == 'ssh' else 'gnupg'}) or set {program_key}"
    else:
        what = said[0] if said else f"{program} failed (exit {trace.signer_code})"
        if fmt == "ssh" and not key:
            fix = "set user.signingkey to your SSH public key file " \
                  "(git config user.signingkey ~/.ssh/id_ed25519.pub)"
        elif fmt == "ssh":
            fix = f"check that user.signingkey ({key}) is your SSH public key, or its file, " \
                  "and that its private key is beside it or in ssh-agent (ssh-add)"
        else:
            fix = f"check that {program} can sign with {key or 'your default key'} and can " \
                  "ask for its passphrase (user.signingkey sets the key)"
    return SigningFailed(f"signing the commit failed: {what}; commit signing is on "
                         f"(commit.gpgsign, gpg.format {fmt}): {fix}, or turn it off (git "
                         "config commit.gpgsign false); nothing was committed", details=lines)


def signing_hung(trace: HookTrace, timeout: float, setting: str) -> str | None:
    """The message when git was stopped while its signing program ran (``setting``: the
    git config key of the deadline); None otherwise."""
    if trace.signer is None or trace.signer_code is not None:
        return None
    return (f"signing the commit ({trace.signer}) did not finish within {timeout:g} s "
            f"(git config {setting}); it may "
            "wait for a passphrase or a security key: unlock the key in ssh-agent or gpg-agent "
            "first, or turn signing off (git config commit.gpgsign false); it was stopped and "
            "nothing was committed")
