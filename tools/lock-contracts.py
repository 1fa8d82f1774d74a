#!/usr/bin/env python3
"""
lock-contracts: every function whose header comment says a lock is held
must check it (docs/locking.md, "Contracts in code").

For each function definition in the kernel's sources, the comment right
above it (and, for a function declared in a header, the comment above
the declaration) is searched for a claim that the caller holds a lock:

    Caller holds X.    Called with X held.    X held.    X locked.
    with X held        X held for writing     Both ... held (two named)

X must look like a lock: an identifier (p->pi_lock, tasklist_lock,
mmap_lock, tty->write_mutex, ep->mtx, namespace_sem) whose last part
names a lock. Claims in a sentence about what the function does on
return ("returns with X held", "X held on success") or that deny a
lock ("no lock held", "X not held", "X may be held") are not claims.

The claim is kept if the body asserts it: a call whose name contains
"assert" (assert_spin_locked, assert_write_locked, assert_rwlock_held,
mutex_assert_held, mmap_assert_locked, lockdep_assert_held, ...), or a
lockdep_spin_held() or rwlock_is_locked() test guarding one, naming
the lock's last part in its name or its arguments (mmap_lock: the
mmap_assert forms). A function may say why it does not assert with a
comment holding "lock-unchecked:" and a reason, in its header comment
or its body.

Usage: tools/lock-contracts.py [--all] [--static] [--count] [FILES...]
       tools/lock-contracts.py --self-test
  (default: every .c and .h under the kernel's directories; only
  non-static functions unless --static or --all; exit 1 if any is found)
"""
import os
import re
import sys

DIRS = ["arch", "kernel", "mm", "fs", "lib", "net", "ipc", "security",
        "include"]

# A lock's name: its last identifier part must say it is a lock
# (tasklist_lock, siglock, namespace_sem), or be a bare lock, mutex or
# mtx member of a named structure (rq->lock, ep->mtx, wq.lock).
QUAL = r"(?:[a-z_][a-z0-9_]*(?:\(\w*\))?(?:->|\.)|[a-z_][a-z0-9_]*'s )"
LOCK_WORD = r"[a-z_][a-z0-9_]*(?:lock|mutex|mtx|_sem|_rwsem)"
LOCK_EXPR = (r"(" + QUAL + r"+(?:lock|mutex|mtx)\b|" + QUAL + r"*"
             + LOCK_WORD + r"(?:\([a-z_>-]*\))?)")

CLAIMS = [
    # Caller holds X / callers must hold X / the caller holds X
    re.compile(r"\b[Cc]allers? (?:must )?holds? (?:both )?(?:the )?"
               + LOCK_EXPR),
    # X held / X is held / X must be held / X held for writing
    re.compile(r"(?<![\w>.-])" + LOCK_EXPR
               + r"(?: is| must be| are)?(?: already)? held\b"),
    # with X locked / X locked
    re.compile(r"(?<![\w>.-])" + LOCK_EXPR + r" (?:is )?locked\b"),
    # Called under X / Runs under X
    re.compile(r"\b(?:[Cc]alled|[Rr]uns|[Cc]aller is) under (?:the )?"
               + LOCK_EXPR),
]

# Sentences that are not a caller's contract.
NOT_A_CLAIM = re.compile(
    r"\b(?:[Rr]eturns?|returning|on return|on success|[Nn]o (?:other )?\w*locks?|"
    r"held,? or |holds? \S+ or |racy|"
    r"not held|may be held|must not|need not|never|unlocked|without|"
    r"[Rr]eleases it|"
    r"if [^.;]* held|whether|[Ll]eaves? (?:it|with)|comes back|"
    r"[Ww]hile [^.;]* held)\b")

ASSERT_CALL = re.compile(r"\b(\w*(?i:assert)\w*|lockdep_spin_held|rwlock_is_locked)\s*\(([^;]*?)\)\s*[;)&|]")
MARKER = "lock-unchecked:"
FUNC_START = re.compile(r"^[A-Za-z_][\w \t\*]*?\b([A-Za-z_]\w*)\s*\(")
NOT_FUNC = re.compile(r"^(?:#|typedef|struct\s+\w+\s*\{|enum|union|extern"
                      r"|return\b|if\b|else\b|for\b|while\b|do\b|switch\b)")


def sentences(comment):
    text = re.sub(r"/\*+|\*+/", " ", comment)
    text = re.sub(r"\n\s*\*", "\n", text)
    text = re.sub(r"\s+", " ", text)
    # "Called and returns with X held", "X held on entry and ...": the
    # caller holds X.
    text = re.sub(r"[Cc]alled and returns with", "called with", text)
    text = re.sub(r" held on entry[^.;]*", " held", text)
    return re.split(r"(?<=[.;:?!])\s+|, and |; ", text)


def claims_in(comment):
    """The lock names a comment says the caller holds."""
    found = []
    for s in sentences(comment):
        # A question ("Is rtnl_mutex held by current?") states nothing.
        if NOT_A_CLAIM.search(s) or s.rstrip().endswith("?"):
            continue
        for pat in CLAIMS:
            for m in pat.finditer(s):
                name = m.group(1)
                if name in ("spinlock", "lock", "mutex"):
                    continue    # which one is not said
                if name not in found:
                    found.append(name)
    return found


def lock_key(name):
    """The part of a lock's name an assertion must mention."""
    name = re.sub(r"\([^)]*\)$", "", name)  # unix_state_lock(other)
    name = re.sub(r"'s ", "->", name)
    parts = re.split(r"->|\.", name)
    last = parts[-1]
    if last in ("lock", "mutex", "mtx") and len(parts) > 1:
        return parts[-2], last
    return None, last


# Locks named by the function that takes them.
ALIASES = {"unix_state_lock": "sk_lock", "task_lock": "alloc_lock",
           "lock_task_sighand": "siglock", "task_rq_lock": "rq",
           "rtnl_mutex": "rtnl"}


def asserted(name, asserts):
    qual, key = lock_key(name)
    key = ALIASES.get(key, key)
    if key == "mmap_lock":
        return any("mmap" in fn or "mmap_lock" in args
                   for fn, args in asserts)
    for fn, args in asserts:
        hay = fn + " " + args
        if re.search(r"\b" + re.escape(key) + r"\b", hay) or \
           key.lower() in fn.lower():
            return True
        # unix_state_lock(sk) is asserted as the socket's sk_lock
        if key.endswith("_lock") and key[:-5] and key[:-5] in hay:
            return True
        if qual and qual in hay:
            return True
    return False


def comment_before(lines, i):
    """The block comment ending on the line before index i, or ''."""
    j = i - 1
    if j < 0 or not lines[j].rstrip().endswith("*/"):
        return ""
    k = j
    while k >= 0 and "/*" not in lines[k]:
        k -= 1
    # A comment trailing the code of the line before is not a header.
    if k < 0 or not lines[k].lstrip().startswith("/*"):
        return ""
    return "\n".join(lines[k:j + 1])


def signature_end(lines, i):
    """Index of the line closing the signature that starts at i."""
    depth = 0
    for j in range(i, min(i + 12, len(lines))):
        depth += lines[j].count("(") - lines[j].count(")")
        if depth <= 0:
            return j
    return None


def scan_file(path, defs, protos):
    with open(path, errors="replace") as f:
        lines = f.read().split("\n")
    i = 0
    while i < len(lines):
        line = lines[i]
        m = FUNC_START.match(line)
        if not m or NOT_FUNC.match(line) or line.rstrip().endswith(";") \
                and "(" not in line:
            i += 1
            continue
        end = signature_end(lines, i)
        if end is None:
            i += 1
            continue
        name = m.group(1)
        tail = lines[end].rstrip()
        is_static = bool(re.match(r"^static\b", line))
        nxt = lines[end + 1] if end + 1 < len(lines) else ""
        if tail.endswith(";"):
            if path.endswith(".h"):
                protos.setdefault(name, comment_before(lines, i))
            i = end + 1
            continue
        if nxt.strip() != "{" and not tail.endswith("{"):
            i += 1
            continue
        start = end + 1 if nxt.strip() == "{" else end
        k = start + 1
        while k < len(lines) and lines[k] != "}":
            k += 1
        body = "\n".join(lines[start:k + 1])
        defs.append({"name": name, "file": path, "line": i + 1,
                     "static": is_static,
                     "comment": comment_before(lines, i), "body": body})
        i = k + 1


def sources(args):
    if args:
        return args
    out = []
    for d in DIRS:
        for root, _, files in os.walk(d):
            for fn in sorted(files):
                if fn.endswith((".c", ".h")):
                    out.append(os.path.join(root, fn))
    return sorted(out)


def check(files, want_static, want_global):
    """The functions lacking an assertion, and how many have a contract."""
    defs, protos = [], {}
    # Headers first, so a definition finds its declaration's comment.
    for path in files:
        if path.endswith(".h"):
            scan_file(path, defs, protos)
    for path in files:
        if path.endswith(".c"):
            scan_file(path, defs, protos)
    missing = []
    total = 0
    for d in defs:
        if d["static"] and not want_static:
            continue
        if not d["static"] and not want_global:
            continue
        comment = d["comment"]
        if not d["static"]:
            comment += "\n" + protos.get(d["name"], "")
        names = claims_in(comment)
        if not names:
            continue
        total += 1
        if MARKER in comment or MARKER in d["body"]:
            continue
        asserts = ASSERT_CALL.findall(d["body"])
        lacking = [n for n in names if not asserted(n, asserts)]
        if lacking:
            missing.append((d, lacking))
    return missing, total


# --self-test: what the check must find (and must not) in a sample.
SAMPLE = """
/* a - Caller holds foo_lock. */
void a(void)
{
}

/* b - Caller holds foo_lock. */
void b(void)
{
	assert_spin_locked(&foo_lock);
}

/* c - returns with foo_lock held. */
void c(void)
{
}

/* d - Called with x->mtx held; may sleep. */
static void d(struct x *x)
{
	mutex_assert_held(&x->mtx);
}

/* e - mmap_lock held. */
void e(struct mm_struct *mm)
{
	lockdep_assert_mmap_locked(mm);
}

/* f - No lock held. */
void f(void)
{
}

/* g - rq->lock held (lock-unchecked: the arch does not see it). */
void g(void)
{
}

int h(void);	/* q->lock held */
void i(void)
{
}

/*
 * j - the siglock
 * held.
 */
void j(struct task_struct *t)
{
	assert_spin_locked(&t->pi_lock);
}

/* k - tasklist_lock held (or a racy read). */
void k(void)
{
}
"""


def self_test():
    import tempfile
    with tempfile.TemporaryDirectory() as tmp:
        path = os.path.join(tmp, "sample.c")
        with open(path, "w") as f:
            f.write(SAMPLE)
        missing, total = check([path], True, True)
    found = sorted(d["name"] for d, _ in missing)
    if found != ["a", "j"] or total != 6:
        print("lock-contracts: self-test FAILED: flagged %s of %d "
              "contracts, expected ['a', 'j'] of 6" % (found, total),
              file=sys.stderr)
        return 1
    return 0


def main():
    argv = sys.argv[1:]
    opts = {a for a in argv if a.startswith("--")}
    files = [a for a in argv if not a.startswith("--")]
    if "--self-test" in opts:
        return self_test()
    want_static = "--static" in opts or "--all" in opts
    want_global = "--static" not in opts or "--all" in opts
    missing, total = check(files or sources([]), want_static, want_global)
    for d, lacking in missing:
        kind = "static " if d["static"] else ""
        print("%s:%d: %s%s(): no assertion of %s" %
              (d["file"], d["line"], kind, d["name"], ", ".join(lacking)))
    if "--count" in opts or missing:
        print("lock-contracts: %d of %d functions with a lock contract "
              "do not assert it" % (len(missing), total), file=sys.stderr)
    return 1 if missing else 0


if __name__ == "__main__":
    sys.exit(main())
