#!/usr/bin/env python3
"""Pick candidate sentences for the dev-news set from Reuters-21578, without running dyad.

Reads ../shared/data/reuters21578/reut2-*.sgm.gz, splits each story body into sentences with a plain regex,
and keeps sentences of 8-45 words that name a political actor (a country, a capital or a demonym from the
short list below) and contain one of the event verbs below, among the first six sentences of a story. Of those naming two
different actor words, at most one per story (stories in file order, stories of the built-in golden test
crates/eval/tests/builtin_golden.rs left out), every fifth is kept. Prints
NEWID<TAB>sentence; the human coding was written by hand on these lines before dyad coded any of them.
The optional MODULUS and OFFSET keep every MODULUS-th candidate from OFFSET instead (default 5 0, the first
draw); the second draw was `10 2`, the third `10 7` and the fourth `10 4`, which share no story with
the first or each other.

Usage: select.py SHARED_DATA_DIR [MODULUS OFFSET] > candidates.tsv
"""
import gzip, re, sys, html

GOLDEN = {245, 338, 1410, 1899, 2229, 2838, 3291, 3862, 4632, 5151, 5574, 10265}
ACTORS = r"""Iran Iranian Iraq Iraqi Israel Israeli Egypt Egyptian Jordan Jordanian Syria Syrian Lebanon Lebanese
Libya Libyan Soviet Moscow Kremlin Washington American Reagan Japan Japanese Tokyo China Chinese Peking Taiwan
Britain British London France French Paris Germany German Bonn Italy Italian Spain Spanish Portugal Greece Greek
Turkey Turkish Cyprus India Indian Pakistan Pakistani Afghanistan Afghan Nicaragua Nicaraguan Contra Contras
Sandinista Salvador Honduras Panama Mexico Mexican Brazil Brazilian Argentina Argentine Chile Chilean Peru
Peruvian Colombia Colombian Ecuador Venezuela Bolivia Cuba Cuban Canada Canadian Australia Australian Zealand
Philippines Philippine Manila Aquino Korea Korean Seoul Vietnam Vietnamese Cambodia Thailand Thai Indonesia
Malaysia Singapore Burma Sri Lanka Lankan Tamil Bangladesh Nigeria Nigerian Ghana Kenya Zimbabwe Zambia
Angola Mozambique Ethiopia Sudan Chad Uganda Tanzania Zaire Pretoria Africa African Kuwait Kuwaiti Saudi
Gulf Qatar Emirates Bahrain Oman Yemen Algeria Algerian Morocco Tunisia PLO Palestinian Palestinians Poland
Polish Hungary Hungarian Romania Romanian Yugoslavia Yugoslav Czechoslovakia Bulgaria Sweden Swedish Norway
Norwegian Denmark Danish Finland Netherlands Dutch Belgium Belgian Switzerland Swiss Austria Austrian Ireland
Irish Kohl Thatcher Mitterrand Chirac Gorbachev Nakasone Shultz Congress Senate NATO OPEC GATT IMF
Brussels Commission""".split()
VERBS = r"""accused accuses accusing warned warns urged urges called demanded demands rejected rejects denied
denies met meet meets talks signed agreed agree agrees attacked attack killed arrested jailed resigned threatened
threatens criticised criticized condemned protested expelled sanctions imposed retaliate retaliation invaded
shelled bombed seized captured fired visit visited negotiate negotiations offered promised pledged appealed
boycott banned banning suspended broke sued charged vetoed opposed supports supported welcomed praised refused
asked invited mediate ceasefire ultimatum embargo""".split()
ACTOR_RE = re.compile(r"\b(" + "|".join(ACTORS) + r")\b")
VERB_RE = re.compile(r"\b(" + "|".join(VERBS) + r")\b")
ABBREV = re.compile(r"\b(U\.S|U\.K|Mr|Mrs|Dr|Gen|Lt|Col|Sen|Rep|Gov|Jan|Feb|Mar|Apr|Aug|Sept|Oct|Nov|Dec|St|Co|Inc|Ltd|Corp|No)\.$")


def stories(data):
    for i in range(22):
        raw = gzip.open(f"{data}/reuters21578/reut2-{i:03d}.sgm.gz").read().decode("latin-1")
        for m in re.finditer(r'<REUTERS[^>]*NEWID="(\d+)">(.*?)</REUTERS>', raw, re.S):
            body = re.search(r"<BODY>(.*?)</BODY>", m.group(2), re.S)
            if body:
                yield int(m.group(1)), html.unescape(body.group(1)).replace("\x03", "")


def sentences(body):
    text = re.sub(r"\s+", " ", body.replace(" Reuter", "")).strip()
    out, cur = [], ""
    for piece in re.split(r"(?<=[.!?])\s+(?=[A-Z\"])", text):
        cur = (cur + " " + piece).strip()
        if ABBREV.search(cur):
            continue
        out.append(cur)
        cur = ""
    if cur:
        out.append(cur)
    return out


def main():
    modulus, offset = (int(sys.argv[2]), int(sys.argv[3])) if len(sys.argv) > 3 else (5, 0)
    kept = 0
    for newid, body in stories(sys.argv[1]):
        if newid in GOLDEN:
            continue
        for s in sentences(body)[:6]:
            words = s.split()
            if 8 <= len(words) <= 45 and len(set(ACTOR_RE.findall(s))) >= 2 and VERB_RE.search(s):
                if kept % modulus == offset:
                    print(f"{newid}\t{s}")
                kept += 1
                break


main()
