"""Sign-in and roles on the pages (DESIGN §7), driven by ``at.user`` as an identity
provider's claims would set it, with an ``[auth]`` section in ``at.secrets``.

Who sees what: nothing but the sign-in page until signed in; "no access yet" for a
signed-in person with no recognised role; the pages and buttons of each role; a page
opened by its address that the role may not use refuses and shows nothing of it. And
local mode (no ``[auth]``) and a server that requires sign-in but has none.
"""

from __future__ import annotations

from pathlib import Path

import pytest
from streamlit.testing.v1 import AppTest

from tests.app.conftest import APP, page_text, shown
from vrp_metrics.access import local_user
from vrp_metrics.store import Store

AUTH = {
    "auth": {
        "redirect_uri": "http://localhost:8501/oauth2callback",
        "cookie_secret": "a-cookie-secret-of-at-least-32-characters",
        "client_id": "vrp-dashboard",
        "client_secret": "not-a-real-secret",
        "server_metadata_url": "http://localhost:9400/.well-known/openid-configuration",
    }
}

VIEWER = {"email": "val@example.org", "name": "Val Viewer", "roles": ["VRP.Viewer"]}
ANALYST = {"email": "ann@example.org", "name": "Ann Analyst", "roles": ["VRP.Analyst"]}
CHAIR = {"email": "cho@example.org", "name": "Cho Chair", "roles": ["vrp.chair.dawg"]}
ADMIN = {"email": "ada@example.org", "name": "Ada Admin", "roles": ["VRP.Admin"]}
NOBODY = {"email": "nor@example.org", "name": "Nor Nobody", "roles": ["Some.Other.Role"]}

GOOD = b"measure_code,period,value,comment\n5.1.5.a,2026/27 Q2,2400,Summer programme\n"


def signed_in(claims: dict | None, page: str | None = None, **query: str) -> AppTest:
    """The app with sign-in configured, as ``claims`` signed in (None: nobody signed
    in), switched to ``pages/<page>.py``."""
    at = AppTest.from_file(APP, default_timeout=90)
    at.secrets.update(AUTH)
    at.user = {"is_logged_in": False} if claims is None else {"is_logged_in": True, **claims}
    for key, value in query.items():
        at.query_params[key] = value
    at.run()
    if page is not None:
        at.switch_page(f"pages/{page}.py").run()
    return at


def refused(at: AppTest) -> str | None:
    """The refusal a page shows when its address was opened by a role that may not use it."""
    return next(
        (shown(w.value) for w in at.warning if w.value.startswith("You cannot use this page")),
        None,
    )


def test_nothing_but_the_sign_in_page_until_someone_signs_in(demo_db: Path) -> None:
    at = signed_in(None)
    assert not at.exception
    assert [t.value for t in at.title] == ["VRP performance dashboard"]
    assert [b.label for b in at.button] == ["Sign in"]
    text = page_text(at)
    assert "Sign in with your work account" in text
    # no figures, no period, no demo banner, no sidebar
    assert "Overview for" not in text
    assert "Synthetic demonstration data" not in text
    assert not at.selectbox and not at.dataframe and not at.sidebar.children
    # no sign-in was recorded: nobody signed in
    with Store(demo_db) as store:
        assert store.audit_log(action="sign_in").empty


def test_a_page_address_before_sign_in_still_shows_only_the_sign_in_page(demo_db: Path) -> None:
    at = signed_in(None, "upload")
    assert not at.exception
    assert [t.value for t in at.title] == ["VRP performance dashboard"]
    assert not at.file_uploader
    assert "Upload returns" not in page_text(at)


def test_a_person_with_no_recognised_role_is_told_to_ask_the_vru(demo_db: Path) -> None:
    at = signed_in(NOBODY)
    assert not at.exception
    (warning,) = [shown(w.value) for w in at.warning]
    assert warning == (
        "You are signed in as nor@example.org, but you have no access yet — ask the VRU."
    )
    assert [b.label for b in at.button] == ["Sign out"]
    assert "Overview for" not in page_text(at)
    assert not at.dataframe and not at.selectbox
    # the sign-in is in the audit log, refused, with the reason
    with Store(demo_db) as store:
        log = store.audit_log(action="sign_in")
    assert log[["actor", "roles", "object", "outcome"]].values.tolist() == [
        ["nor@example.org", "", "dashboard", "refused"]
    ]
    assert (
        log["detail"].iloc[0] == "nor@example.org has no access to the dashboard yet — ask the VRU"
    )


def test_one_sign_in_entry_per_signed_in_session(demo_db: Path) -> None:
    at = signed_in(VIEWER)
    at.switch_page("pages/measure.py").run()
    at.switch_page("pages/overview.py").run()
    assert not at.exception
    with Store(demo_db) as store:
        log = store.audit_log(action="sign_in")
    # three runs of one session, one entry
    assert log[["actor", "roles", "action", "object", "outcome"]].values.tolist() == [
        ["val@example.org", "viewer", "sign_in", "dashboard", "done"]
    ]


def test_the_sidebar_says_who_is_signed_in_and_signing_out_shows_the_sign_in_page(
    demo_db: Path,
) -> None:
    at = signed_in(CHAIR, "measure", measure="3.1.1.a")
    assert not at.exception
    account = [shown(c.value) for c in at.sidebar.caption if "Signed in as" in c.value]
    assert account == [
        ":material/account_circle: Signed in as Cho Chair (cho@example.org; chair:DAWG)"
    ]
    at.sidebar.button(key="sign-out").click().run()
    assert not at.exception
    assert "3.1.1.a" not in page_text(at)  # nothing more of the page is drawn
    at.run()  # the browser comes back from the provider's sign-out
    assert [b.label for b in at.button] == ["Sign in"]
    assert "3.1.1.a" not in page_text(at)


@pytest.mark.parametrize(
    ("who", "page", "words"),
    [
        (VIEWER, "upload", "val@example.org (viewer) may not load returns"),
        (VIEWER, "history", "val@example.org (viewer) may not withdraw returns"),
        (VIEWER, "audit", "val@example.org (viewer) may not see the audit log"),
        (CHAIR, "upload", "cho@example.org (chair:DAWG) may not load returns"),
        (ANALYST, "audit", "ann@example.org (analyst) may not see the audit log"),
    ],
)
def test_a_page_opened_by_its_address_that_the_role_may_not_use_says_so_and_shows_nothing(
    demo_db: Path, who: dict, page: str, words: str
) -> None:
    at = signed_in(who, page)
    assert not at.exception
    assert refused(at) == (
        f"You cannot use this page: {words}. Choose another page in the menu; if you need "
        "this one, ask the VRU."
    )
    # nothing of the page: no uploader, no table, no button, no template
    assert not at.file_uploader and not at.dataframe and not at.table
    assert not [b for b in at.button if b.key != "sign-out"]
    assert "Return templates" not in page_text(at) and "Batches" not in page_text(at)


@pytest.mark.parametrize(
    ("who", "page", "expected"),
    [
        (ANALYST, "upload", "Return templates"),
        (ANALYST, "history", "Withdraw a batch"),
        (ADMIN, "upload", "Return templates"),
        (ADMIN, "history", "Withdraw a batch"),
        (ADMIN, "audit", "Audit log"),
        (VIEWER, "data_tracker", "Partnership Data Tracker"),
        (VIEWER, "methodology", "Statistical process control"),
        (CHAIR, "overview", "Every measure for"),
    ],
)
def test_each_role_opens_the_pages_it_may_use(
    demo_db: Path, who: dict, page: str, expected: str
) -> None:
    at = signed_in(who, page)
    assert not at.exception
    assert refused(at) is None
    assert expected in page_text(at)
    assert "Synthetic demonstration data" in page_text(at)


def test_an_analyst_loads_a_return_signed_with_their_identity(demo_db: Path) -> None:
    at = signed_in(ANALYST, "upload")
    assert not at.text_input  # no "Your name" box
    at.file_uploader[0].upload("artswork q2.csv", GOOD, "text/csv").run()
    at.button(key="load-button").click().run()
    assert not at.exception
    (message,) = [shown(s.value) for s in at.success]
    assert message.startswith("artswork q2.csv loaded as batch ")
    with Store(demo_db) as store:
        newest = store.batches().iloc[0]
    assert newest["file_name"] == "artswork q2.csv"
    assert newest["loaded_by"] == "ann@example.org"


def test_a_chair_writes_commentary_for_their_own_group_only(demo_db: Path) -> None:
    dawg = signed_in(CHAIR, "working_group", group="DAWG")
    assert not dawg.exception
    forms = [b for b in dawg.button if b.proto.form_id.startswith("commentary-")]
    assert [b.proto.form_id for b in forms] == ["commentary-3.1.1.a"]  # DAWG's one measure
    assert not [w for w in dawg.text_input if "name" in w.label.lower()]  # the chair signs it
    body = next(w for w in dawg.text_area if (w.key or "").startswith("body-3.1.1.a"))
    body.input("Two sources moved to green.")
    forms[0].click().run()
    assert not dawg.exception
    assert "Commentary on 3.1.1.a for 2026/27 Q2 saved." in page_text(dawg)
    assert "Written by cho@example.org on " in shown(page_text(dawg))

    tvrp = signed_in(CHAIR, "working_group", group="TVRP")
    assert not tvrp.exception
    assert not [b for b in tvrp.button if b.proto.form_id.startswith("commentary-")]
    assert not [w for w in tvrp.text_area if (w.key or "").startswith("body-")]
    assert "The TVRP chair writes the commentary." in page_text(tvrp)


@pytest.mark.parametrize("who", [VIEWER, ANALYST])
def test_viewers_and_analysts_read_commentary_but_do_not_write_it(demo_db: Path, who: dict) -> None:
    at = signed_in(who, "working_group", group="DAWG")
    assert not at.exception
    # (An analyst records the group's meetings and actions; no commentary box for either.)
    assert not [w for w in at.text_area if (w.key or "").startswith("body-")]
    assert not [b for b in at.button if b.proto.form_id.startswith("commentary-")]
    assert "The DAWG chair writes the commentary." in page_text(at)


def test_an_admin_writes_commentary_for_any_group(demo_db: Path) -> None:
    at = signed_in(ADMIN, "working_group", group="TVRP")
    assert not at.exception
    assert [b for b in at.button if b.proto.form_id.startswith("commentary-")]


def test_the_audit_page_filters_by_person_and_action(demo_db: Path) -> None:
    # Val signs in (1 entry) and Ann signs in and loads a file (2 entries: sign_in, and
    # load once the store records loads): whatever else there is, Val has exactly one.
    signed_in(VIEWER)
    analyst = signed_in(ANALYST, "upload")
    analyst.file_uploader[0].upload("artswork q2.csv", GOOD, "text/csv").run()
    analyst.button(key="load-button").click().run()

    at = signed_in(ADMIN, "audit")
    assert not at.exception
    everything = at.dataframe[0].value
    assert {"val@example.org", "ann@example.org", "ada@example.org"} <= set(everything["actor"])
    assert list(everything["entry"]) == sorted(everything["entry"])  # oldest first

    at.selectbox(key="audit-person").set_value("val@example.org").run()
    val = at.dataframe[0].value
    assert val[["actor", "action", "outcome"]].values.tolist() == [
        ["val@example.org", "sign_in", "done"]
    ]
    assert "1 entry, oldest first." in [c.value for c in at.caption]

    at.selectbox(key="audit-person").set_value("Everyone").run()
    at.selectbox(key="audit-action").set_value("sign_in").run()
    sign_ins = at.dataframe[0].value
    assert sign_ins["actor"].tolist() == ["val@example.org", "ann@example.org", "ada@example.org"]
    labels = [b.label for b in at.get("download_button")]
    assert labels == ["Download the table (CSV)", "Download the table (Excel)"]


def test_the_audit_page_shows_what_people_typed_as_text(demo_db: Path) -> None:
    from vrp_metrics.access import from_claims

    typed = '=HYPERLINK("http://example.org") **bold** <b>x</b>'
    with Store(demo_db) as store:
        store.record(from_claims({**ANALYST}), "export", typed)
    at = signed_in(ADMIN, "audit")
    assert not at.exception
    table = at.dataframe[0].value
    assert typed in table["object"].tolist()  # in a grid cell, as typed
    assert typed not in "\n".join(m.value for m in at.markdown)


def test_local_mode_says_so_on_every_page_and_names_the_os_user(demo_db: Path) -> None:
    who = local_user().identity
    note = f":material/computer: Local mode: no sign-in; changes are recorded as {who}."
    at = AppTest.from_file(APP, default_timeout=90).run()
    for page in ("overview", "upload", "history", "audit", "methodology"):
        at.switch_page(f"pages/{page}.py").run()
        assert not at.exception, page
        assert note in [shown(c.value) for c in at.caption], page
        assert refused(at) is None, page  # the person at the computer may do everything
    assert not [b for b in at.button if b.key == "sign-out"]


def test_a_server_that_requires_sign_in_refuses_to_serve_without_it(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VRP_REQUIRE_SIGN_IN", "1")
    at = AppTest.from_file(APP, default_timeout=90).run()
    assert not at.exception
    (error,) = [e.value for e in at.error]
    assert "VRP_REQUIRE_SIGN_IN=1" in error
    assert "no [auth] section in .streamlit/secrets.toml" in shown(error)
    # nothing else at all
    assert not at.title and not at.markdown and not at.caption and not at.info
    assert not at.button and not at.selectbox and not at.dataframe
    assert not at.sidebar.children


def test_a_server_that_requires_sign_in_serves_once_it_is_configured(
    demo_db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("VRP_REQUIRE_SIGN_IN", "1")
    at = signed_in(VIEWER)
    assert not at.exception
    assert not at.error
    assert "Overview for" in page_text(at)


def test_a_new_tab_of_the_same_sign_in_adds_no_entry_but_signing_in_again_does(
    demo_db: Path,
) -> None:
    # 1796212800 is 2026-12-02 12:00:00 UTC; 3,600 seconds later is 13:00:00.
    first = {**ANALYST, "iat": 1796212800}
    signed_in(first)
    signed_in(first)  # another tab: the identity cookie, the same ID token
    signed_in({**ANALYST, "iat": 1796212800 + 3600})  # signed in again an hour later
    with Store(demo_db) as store:
        log = store.audit_log(action="sign_in")
    assert log["detail"].tolist() == [
        "ID token issued 2026-12-02 12:00:00 UTC",
        "ID token issued 2026-12-02 13:00:00 UTC",
    ]


def test_a_name_and_address_from_the_provider_are_shown_as_text(demo_db: Path) -> None:
    hostile = {
        "email": "[x](http://x.example)@example.org",
        "name": "![p](http://x.example/p.png) <b>Bo</b> **Chair**",
        "roles": ["VRP.Viewer"],
    }
    at = signed_in(hostile)
    assert not at.exception
    (account,) = [c.value for c in at.sidebar.caption if "Signed in as" in c.value]
    assert shown(account) == (
        ":material/account_circle: Signed in as ![p](http://x.example/p.png) <b>Bo</b> "
        "**Chair** ([x](http://x.example)@example.org; viewer)"
    )
    for markup in ("![p](", "<b>", "**Chair**", "[x]("):
        assert markup not in account  # every one escaped
