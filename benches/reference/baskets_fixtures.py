"""Writes the reference fixtures of the basket analysis with mlxtend: frequent itemsets
(apriori, checked against fpgrowth) and association rules, one JSON file per case in
tests/fixtures/baskets/. The Rust tests (src/baskets/tests.rs) check both of crm-lens's
algorithms against them.

    scripts/baskets-fixtures.sh      # sets up the pinned venv, runs crm-lens, runs this

    python benches/reference/baskets_fixtures.py DEMO_DIR [SUPERMARKET.arff]

DEMO_DIR holds the demo shop's transactions.csv (`crm-lens demo DEMO_DIR`) and the
baskets crm-lens gathered from it: demo_orders.baskets (`crm-lens baskets --per order
--level product`) and demo_customers.baskets (`--per customer --level category`). This
script gathers the same baskets independently with pandas and stops if they differ.

The public data set is Weka's supermarket.arff (4,627 real shopping baskets of a New
Zealand supermarket over 216 departments; shipped by Debian's `weka` package, GPL-2+).
It is converted once into tests/fixtures/baskets/supermarket.baskets (one basket per
line, departments separated by tabs), which is committed; the .arff is only needed when
that file is missing.

Supports are compared as mlxtend compares them, `support >= min_support` on float
shares. One case puts the minimum support exactly on a count's share where
`ceil(min_support * n)` is one more than the count: mlxtend's apriori keeps the
itemsets on the threshold, its fpgrowth (which prunes with that ceiling) drops those of
two items or more. The fixture follows apriori (the documented comparison) and lists
what fpgrowth missed. Its minimum confidence is a confidence that a rule has exactly, as
mlxtend computes it, `(sAC * n) / (sA * n)`, chosen where a rule's exact ratio reaches
the threshold but mlxtend's rounding does not.
"""
import json
import math
import re
import sys
from collections import Counter
from fractions import Fraction
from pathlib import Path

import mlxtend
import numpy as np
import pandas as pd
from mlxtend.frequent_patterns import apriori, association_rules, fpgrowth
from mlxtend.preprocessing import TransactionEncoder

ROOT = Path(__file__).resolve().parents[2]
FIXTURES = ROOT / "tests" / "fixtures" / "baskets"
ARFF = Path("/usr/share/doc/weka/examples/supermarket.arff")

CASES = [
    # A real store's baskets, with rules of every length.
    dict(name="supermarket", data="supermarket", min_support=0.15, max_len=None,
         min_confidence=0.8, min_lift=0.0),
    # Support and confidence exactly on the threshold (chosen below).
    dict(name="supermarket-on-threshold", data="supermarket", min_support="on-threshold",
         max_len=3, min_confidence="on-threshold", min_lift=1.0),
    # The demo: orders of products, where the planted pairs are.
    dict(name="demo-orders", data="demo_orders", min_support=0.002, max_len=None,
         min_confidence=0.1, min_lift=1.0),
    # The demo: each customer's categories, where almost everything is frequent.
    dict(name="demo-customers", data="demo_customers", min_support=0.3, max_len=None,
         min_confidence=0.9, min_lift=1.0),
]


def read_baskets(path: Path) -> list:
    with open(path, encoding="utf-8") as f:
        return [[i for i in line.rstrip("\n").split("\t") if i] for line in f if line.strip()]


def write_baskets(path: Path, baskets: list) -> None:
    with open(path, "w", encoding="utf-8", newline="") as f:
        for basket in baskets:
            f.write("\t".join(basket) + "\n")


def supermarket(arff: Path) -> list:
    path = FIXTURES / "supermarket.baskets"
    if not path.exists():
        text = arff.read_text(encoding="utf-8")
        header, data = text.split("@data", 1)
        names = [m.group(1) for m in re.finditer(r"^@attribute '(.*)' ", header, re.M)]
        baskets = []
        for row in data.strip().splitlines():
            values = row.split(",")[: len(names) - 1]  # the last attribute is the total
            baskets.append([names[i] for i, v in enumerate(values) if v == "t"])
        write_baskets(path, [b for b in baskets if b])
    return read_baskets(path)


def demo_baskets(demo: Path) -> dict:
    """The demo's baskets as crm-lens gathered them, checked against pandas."""
    frame = pd.read_csv(demo / "transactions.csv", dtype=str, keep_default_na=False)
    dates = pd.to_datetime(frame["order_date"], format="%Y-%m-%d %H:%M:%S", errors="coerce")
    quantity = pd.to_numeric(frame["quantity"], errors="coerce")
    kept = frame[(frame["customer_id"] != "") & dates.notna() & ~(quantity < 0)]
    expected = {
        "demo_orders": kept.groupby("order_id")["product"].apply(frozenset),
        "demo_customers": kept.groupby("customer_id")["category"].apply(frozenset),
    }
    result = {}
    for name, sets in expected.items():
        baskets = read_baskets(demo / f"{name}.baskets")
        if Counter(map(frozenset, baskets)) != Counter(sets.tolist()):
            sys.exit(f"{name}: crm-lens's baskets differ from those pandas gathers")
        result[name] = baskets
    return result


def one_hot(baskets: list) -> pd.DataFrame:
    encoder = TransactionEncoder()
    return pd.DataFrame(encoder.fit(baskets).transform(baskets), columns=encoder.columns_)


def supports(itemsets: pd.DataFrame) -> dict:
    return dict(zip(itemsets["itemsets"], itemsets["support"]))


def on_threshold_supports(frame: pd.DataFrame, max_len: int):
    """Shares c / n, from the highest, with itemsets of two items exactly at count c,
    where mlxtend's fpgrowth prunes with ceil(share * n) = c + 1."""
    n = len(frame)
    found = apriori(frame, min_support=0.1, use_colnames=True, max_len=max_len)
    counts = sorted({round(s * n) for s, i in zip(found["support"], found["itemsets"])
                     if len(i) >= 2}, reverse=True)
    for count in counts:
        if math.ceil((count / n) * n) > count:
            yield count / n


def on_threshold_confidence(rules: pd.DataFrame, n: int) -> tuple:
    """A confidence some rule has exactly (as mlxtend computes it) where another rule's
    exact ratio count(AC) / count(A) reaches it but mlxtend's rounded value does not (and
    whether there is one; if not, the median confidence)."""
    values = rules["confidence"].to_numpy()
    exact = [Fraction(round(ac * n), round(a * n))
             for ac, a in zip(rules["support"], rules["antecedent support"])]
    for threshold in sorted(set(values), reverse=True):
        t = Fraction(threshold)
        if any(e >= t and v < threshold for e, v in zip(exact, values)):
            return float(threshold), True
    return float(np.median(values)), False


def rule_row(row) -> str:
    def number(value):
        return "inf" if value == math.inf else float(value)

    return json.dumps({
        "antecedents": sorted(row["antecedents"]),
        "consequents": sorted(row["consequents"]),
        **{key: number(row[key]) for key in
           ["antecedent support", "consequent support", "support", "confidence", "lift",
            "leverage", "conviction"]},
    }, ensure_ascii=False)


def run(case: dict, baskets: list) -> None:
    frame = one_hot(baskets)
    n = len(frame)
    notes = []
    min_support, min_confidence = case["min_support"], case["min_confidence"]
    max_len = case["max_len"]
    if min_support == "on-threshold":
        # The first such support with a confidence that mlxtend's rounding decides.
        for min_support in on_threshold_supports(frame, max_len):
            every = association_rules(
                apriori(frame, min_support=min_support, use_colnames=True, max_len=max_len),
                num_itemsets=n, metric="confidence", min_threshold=0.0)
            min_confidence, rounding = on_threshold_confidence(every, n)
            if rounding:
                break
        count = round(min_support * n)
        notes.append(f"min_support is {count} / {n}; ceil(min_support * n) is "
                     f"{math.ceil(min_support * n)}")
        notes.append("min_confidence is a confidence that rules have exactly as mlxtend "
                     "computes it, (sAC * n) / (sA * n)" + (
                         "; a rule whose exact ratio reaches it but whose rounded "
                         "confidence does not is left out" if rounding else ""))
    found = apriori(frame, min_support=min_support, use_colnames=True, max_len=max_len)
    grown = fpgrowth(frame, min_support=min_support, use_colnames=True, max_len=max_len)
    by_apriori, by_fpgrowth = supports(found), supports(grown)
    if set(by_fpgrowth) - set(by_apriori):
        sys.exit(f"{case['name']}: fpgrowth found itemsets apriori did not")
    if any(by_fpgrowth[i] != by_apriori[i] for i in by_fpgrowth):
        sys.exit(f"{case['name']}: apriori and fpgrowth supports differ")
    missed = sorted((sorted(i) for i in set(by_apriori) - set(by_fpgrowth)),
                    key=lambda i: (len(i), i))
    if missed:
        notes.append(f"mlxtend's fpgrowth misses {len(missed)} itemsets on the threshold "
                     "that its apriori keeps (it prunes with ceil(min_support * n))")

    rules = association_rules(found, num_itemsets=n, metric="confidence",
                              min_threshold=min_confidence)
    rules = rules[rules["lift"] >= case["min_lift"]]

    itemsets = sorted(((sorted(i), s) for i, s in by_apriori.items()),
                      key=lambda p: (len(p[0]), p[0]))
    rule_rows = sorted((rule_row(r) for _, r in rules.iterrows()))
    path = FIXTURES / f"{case['name']}.json"
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        header = {
            "case": case["name"],
            "data": case["data"],
            "reference": f"mlxtend {mlxtend.__version__} apriori (checked against fpgrowth) "
                         f"and association_rules, pandas {pd.__version__}, numpy "
                         f"{np.__version__}",
            "baskets": n,
            "min_support": min_support,
            "max_len": max_len,
            "min_confidence": min_confidence,
            "min_lift": case["min_lift"],
            "notes": notes,
        }
        f.write("{\n")
        for key, value in header.items():
            f.write(f"{json.dumps(key)}: {json.dumps(value, ensure_ascii=False)},\n")
        f.write('"fpgrowth_misses": [\n')
        f.write(",\n".join(json.dumps(i, ensure_ascii=False) for i in missed))
        f.write('\n],\n"itemsets": [\n')
        f.write(",\n".join(
            json.dumps({"items": i, "count": round(s * n), "support": float(s)},
                       ensure_ascii=False)
            for i, s in itemsets))
        f.write('\n],\n"rules": [\n')
        f.write(",\n".join(rule_rows))
        f.write("\n]\n}\n")
    print(f"{path.relative_to(ROOT)}: {n} baskets, {len(itemsets)} itemsets, "
          f"{len(rule_rows)} rules" + "".join(f"\n  {note}" for note in notes))


def main() -> None:
    demo = Path(sys.argv[1])
    arff = Path(sys.argv[2]) if len(sys.argv) > 2 else ARFF
    FIXTURES.mkdir(parents=True, exist_ok=True)
    data = {"supermarket": supermarket(arff), **demo_baskets(demo)}
    for case in CASES:
        run(case, data[case["data"]])


if __name__ == "__main__":
    main()
