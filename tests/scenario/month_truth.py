"""The truth of the month (gen_month.py): what a correct tool must say of it,
night by night and in total (truth.json).

SPDX-License-Identifier: BSD-2-Clause
"""
import datetime as dt

from month_world import (CUSTOMERS, JST, NIGHTS, QUIET_DAYS, REASONS, SERVERS, START, SYSTEMS, UTC,
                         ZONE, day)

def iso(t):
    return t.isoformat(timespec="seconds")


def local_day(t):
    return t.astimezone(JST).date().isoformat()


def utc_day(t):
    return t.astimezone(UTC).date().isoformat()


def episodes_of(days, quiet=QUIET_DAYS):
    """Days cut into episodes: a new one starts when a day comes more than
    `quiet` days after the previous one."""
    eps = []
    for d in sorted(set(days)):
        if eps and (d - eps[-1][-1]).days <= quiet:
            eps[-1].append(d)
        else:
            eps.append([d])
    return eps


def nights_truth(month):
    """one row per night: its messages, failures and delays (its events are
    added by make_truth)"""
    nights = []
    for n in range(1, NIGHTS + 1):
        ms = month.by_night[n]
        by_cat, by_reason = {}, {}
        failures = delays = 0
        for m in ms:
            for r in m.rcpts:
                if r.action == "failed":
                    failures += 1
                    by_cat[m.category] = by_cat.get(m.category, 0) + 1
                    reason = REASONS[m.category]
                    by_reason[reason] = by_reason.get(reason, 0) + 1
                else:
                    delays += 1
        nights.append({
            "night": n, "day": day(n).isoformat(), "weekday": day(n).strftime("%a"),
            "messages": len(ms),
            "bounces": sum(1 for m in ms if m.kind == "bounce"),
            "delay_messages": sum(1 for m in ms if m.kind == "delay"),
            "spam": sum(1 for m in ms if m.kind == "spam"),
            "autoreplies": sum(1 for m in ms if m.kind == "autoreply"),
            "failures": failures, "delays": delays,
            "failures_by_category": dict(sorted(by_cat.items())),
            "failures_by_reason": dict(sorted(by_reason.items())),
            "events": [], "changes_should_mail": False,
        })
    return nights


def episodes_truth(ms, all_days):
    """an incident's episodes: when each started, first warned, first and
    last failed, ended and cleared"""
    eps = []
    for ep_days in episodes_of(all_days):
        lo, hi = ep_days[0], ep_days[-1]
        in_ep = [m for m in ms if lo <= m.when.astimezone(JST).date() <= hi]
        f = sorted((m for m in in_ep if m.kind == "bounce"), key=lambda m: m.when)
        w = sorted((m for m in in_ep if m.kind == "delay"), key=lambda m: m.when)
        first = min(in_ep, key=lambda m: m.when)
        cleared = hi + dt.timedelta(days=QUIET_DAYS)
        ep = {
            "start": iso(first.when), "start_day_local": local_day(first.when),
            "start_day_utc": utc_day(first.when),
            "first_warning": iso(w[0].when) if w else None,
            "first_warning_day_local": local_day(w[0].when) if w else None,
            "first_warning_day_utc": utc_day(w[0].when) if w else None,
            "first_failure": iso(f[0].when) if f else None,
            "first_failure_day_local": local_day(f[0].when) if f else None,
            "first_failure_day_utc": utc_day(f[0].when) if f else None,
            "last_failure": iso(f[-1].when) if f else None,
            "last_failure_day_local": local_day(f[-1].when) if f else None,
            "last_failure_day_utc": utc_day(f[-1].when) if f else None,
            "end": iso(max(in_ep, key=lambda m: m.when).when),
            "end_day_local": hi.isoformat(),
            "cleared_day_local": cleared.isoformat() if cleared <= day(NIGHTS) else None,
            "failures": sum(len(m.rcpts) for m in f),
            "warnings": sum(len(m.rcpts) for m in w),
        }
        eps.append(ep)
    return eps


def events_truth(eps, all_days, fails):
    """an incident's events and its state, night by night (days in Japan)"""
    events, states = [], []
    for n in range(1, NIGHTS + 1):
        d = day(n)
        state = None
        for i, (ep, ep_days) in enumerate(zip(eps, episodes_of(all_days))):
            ep_fail_days = sorted({m.when.astimezone(JST).date() for m in fails
                                   if ep_days[0] <= m.when.astimezone(JST).date() <= ep_days[-1]})
            if d < ep_days[0]:
                continue
            if d == ep_days[0]:
                ev = "warning" if not ep_fail_days or ep_fail_days[0] > d else \
                    ("opened" if i == 0 else "returned")
                events.append({"night": n, "day": d.isoformat(), "event": ev})
            if ep_fail_days and d == ep_fail_days[0] and ep_fail_days[0] > ep_days[0]:
                events.append({"night": n, "day": d.isoformat(),
                               "event": "opened" if i == 0 else "returned"})
            cleared = ep_days[-1] + dt.timedelta(days=QUIET_DAYS)
            if d == cleared:
                events.append({"night": n, "day": d.isoformat(), "event": "cleared"})
            if d >= cleared:
                state = "cleared"
            elif ep_fail_days and d >= ep_fail_days[0]:
                state = "active" if i == 0 else "returned"
            else:
                state = "warning"
        states.append(state)
    return events, states


def incident_truth(ip, system, label, ms):
    """what a correct tool says of one incident: a sending IP refused by one system"""
    fails = [m for m in ms if m.kind == "bounce"]
    warns = [m for m in ms if m.kind == "delay"]
    all_days = [m.when.astimezone(JST).date() for m in ms]
    eps = episodes_truth(ms, all_days)
    customers, dests, codes = {}, {}, set()
    for m in fails:
        customers[m.sender_domain] = customers.get(m.sender_domain, 0) + len(m.rcpts)
        for r in m.rcpts:
            dests[r.dest] = dests.get(r.dest, 0) + 1
            codes.add(provider_code(r))
    for m in warns:
        codes.add(provider_code(m.rcpts[0]))
    events, states = events_truth(eps, all_days, fails)
    return {
        "key": "%s %s" % (ip, system), "blamed": "sending_ip", "sending_ip": ip,
        "system": system, "system_label": label,
        "provider_codes": sorted(c for c in codes if c),
        "customers": dict(sorted(customers.items(), key=lambda kv: (-kv[1], kv[0]))),
        "customers_on_ip": sorted(c[0] for c in CUSTOMERS if c[1] == ip),
        "destinations": dict(sorted(dests.items(), key=lambda kv: (-kv[1], kv[0]))),
        "failures": sum(len(m.rcpts) for m in fails),
        "recipients": len({r.addr for m in fails for r in m.rcpts}),
        "warnings": sum(len(m.rcpts) for m in warns),
        "first": iso(min(ms, key=lambda m: m.when).when),
        "last": iso(max(ms, key=lambda m: m.when).when),
        "episodes": eps, "events": events, "state_by_night": states,
        "final_state": states[-1],
    }


def addresses_truth(msgs):
    """the addresses to stop mailing: dead ones and uncertain ones"""
    dead, uncertain = {}, {}
    for m in msgs:
        for r in m.rcpts:
            if r.certainty is None or r.action != "failed":
                continue
            box = dead if r.certainty == "dead" else uncertain
            e = box.setdefault(r.addr, {"failures": 0, "days": [], "reason": REASONS[m.category],
                                        "rule": r.shape, "sender_domains": []})
            e["failures"] += 1
            d = local_day(m.when)
            if d not in e["days"]:
                e["days"].append(d)
            if m.sender_domain not in e["sender_domains"]:
                e["sender_domains"].append(m.sender_domain)
    return dead, uncertain


def make_truth(month):
    msgs = month.messages
    nights = nights_truth(month)

    # ---- incidents: what is blamed (the sending IP) and the system that refused
    groups = {}
    for m in msgs:
        if m.category not in SYSTEMS:
            continue
        system, label = SYSTEMS[m.category]
        groups.setdefault((m.ip, system, label), []).append(m)
    incidents = []
    for (ip, system, label), ms in groups.items():
        inc = incident_truth(ip, system, label, ms)
        incidents.append(inc)
        for e in inc["events"]:
            nt = nights[e["night"] - 1]
            nt["events"].append({"incident": inc["key"], "event": e["event"]})
            nt["changes_should_mail"] = True
    order = {"active": 0, "returned": 0, "warning": 1, "cleared": 2, None: 3}
    incidents.sort(key=lambda i: (order[i["final_state"]], -i["recipients"]))

    dead, uncertain = addresses_truth(msgs)
    dests = sorted({r.dest for m in msgs for r in m.rcpts})

    return {
        "generator": "tests/scenario/gen_month.py", "seed": month.seed, "scale": month.scale,
        "zone": ZONE, "utc_offset": "+09:00", "quiet_days": QUIET_DAYS,
        "start": START.isoformat(), "end": day(NIGHTS).isoformat(), "nights": NIGHTS,
        "night_rule": "night N holds the mail whose Date is on the Nth day in Asia/Tokyo",
        "sending_ips": {ip: {"host": h, "mta": mta,
                             "customers": sorted(c[0] for c in CUSTOMERS if c[1] == ip)}
                        for ip, (h, mta) in SERVERS.items()},
        "customers": {c[0]: {"sending_ip": c[1], "name": c[3]} for c in CUSTOMERS},
        "totals": {
            "messages": len(msgs),
            "bounces": sum(1 for m in msgs if m.kind == "bounce"),
            "delay_messages": sum(1 for m in msgs if m.kind == "delay"),
            "spam": sum(1 for m in msgs if m.kind == "spam"),
            "autoreplies": sum(1 for m in msgs if m.kind == "autoreply"),
            "failures": sum(n["failures"] for n in nights),
            "delays": sum(n["delays"] for n in nights),
            "destinations": len(dests),
            "failures_by_category": _sum_dicts(n["failures_by_category"] for n in nights),
            "failures_by_reason": _sum_dicts(n["failures_by_reason"] for n in nights),
            "recipients_by_category": {
                cat: len({r.addr for m in msgs if m.category == cat for r in m.rcpts
                          if r.action == "failed"})
                for cat in sorted({m.category for m in msgs if m.kind == "bounce"})},
        },
        "incidents": incidents,
        "nights_with_mail": [n["night"] for n in nights if n["changes_should_mail"]],
        "per_night": nights,
        "addresses": {
            "rule": ("dead: the remote says the address or its domain does not exist "
                     "(user unknown from an ordinary MTA or provider, SoftBank's 'Invalid "
                     "recipient', host unknown); uncertain: docomo's and au/ezweb's "
                     "'Unknown user', which also means the recipient's own filter refused "
                     "(field-notes 3.8), each seen once; mailbox full, too big and expired "
                     "are neither"),
            "dead": dict(sorted(dead.items())), "uncertain": dict(sorted(uncertain.items())),
        },
        "messages": [message_truth(m) for m in msgs],
    }


def provider_code(r):
    if r.reply is None:
        return None
    for code in ("S3150", "S3140", "S775"):
        if "(%s)" % code in r.reply:
            return code
    if "AS(1430)" in r.reply:
        return "AS1430"
    if "AS(1450)" in r.reply:
        return "AS1450"
    return None


def _sum_dicts(ds):
    out = {}
    for d in ds:
        for k, v in d.items():
            out[k] = out.get(k, 0) + v
    return dict(sorted(out.items()))


def message_truth(m):
    e = {"seq": m.seq, "night": m.night, "kind": m.kind, "category": m.category,
         "date": iso(m.date)}
    if m.customer:
        e["sender_domain"] = m.sender_domain
        e["sending_ip"] = m.ip
    if m.kind in ("bounce", "delay"):
        e["when"] = iso(m.when)
        e["writer"] = m.writer
        e["failed"] = [r.addr for r in m.rcpts if r.action == "failed"]
        e["delayed"] = [r.addr for r in m.rcpts if r.action == "delayed"]
        e["shape"] = m.rcpts[0].shape
        e["reason"] = REASONS.get(m.category)
        if m.category in SYSTEMS:
            e["system"] = SYSTEMS[m.category][0]
    return e
