"""Upload returns: check partner files, preview what they would change, then load them."""

import streamlit as st

from dashboard import auth, frame, state, uploads, widgets
from vrp_metrics import templates

# Session key of the uploader's generation: a new one empties it after a load.
ROUND = "upload_round"

frame.require("pages/upload.py")

st.title("Upload returns")
st.caption(
    "Add partner returns (CSV or Excel). Each file is checked and you see what it would "
    "change before anything is written; a file with any error is never loaded."
)
widgets.show_flash()
store, catalogue = state.store(), state.catalogue()
user = auth.current_user()

files = st.file_uploader(
    "Partner returns",
    type=["csv", "xlsx"],
    accept_multiple_files=True,
    key=f"returns-{st.session_state.setdefault(ROUND, 0)}",
    help="A measure return, outcome readings or a data tracker return: the kind is "
    "recognised from the column headers.",
)
if not files:
    widgets.empty_state(
        "Choose one or more return files (.csv or .xlsx). Nothing is loaded until you "
        "confirm, and the templates below show the columns each return needs."
    )

valid, with_errors = [], 0
first_named = {}  # the name of each valid content's first file, by SHA-256
for file in files:
    with st.container(border=True):
        report, changes = uploads.checked_upload(file, store, catalogue)
        if report is not None and report.sha256 in first_named:
            uploads.same_file(file.name, first_named[report.sha256])
        elif changes is not None:
            uploads.validation_report(report, key=file.file_id)
            uploads.preview_changes(changes, report, key=file.file_id)
            valid.append(report)
            first_named[report.sha256] = file.name
        else:
            with_errors += 1
            if report is not None:
                uploads.validation_report(report, key=file.file_id)

if with_errors:
    st.info(
        "Files with errors are not loaded: correct them and upload them again."
        + (" The valid files can be loaded now." if valid else "")
    )
# No Load button without a valid file: the message above says what to do.
label = f"Load {len(valid)} valid file{'' if len(valid) == 1 else 's'}"
if valid and st.button(label, type="primary", key="load-button"):
    failed = False
    for report in valid:
        result = widgets.attempt(f"loading {report.file}", store.load, report, user=user)
        failed |= result is None
        if result is not None and result.status == "unchanged":
            widgets.flash(
                f"{result.file_name}: unchanged — identical to batch {result.batch_id}, "
                "already loaded. Nothing was written."
            )
        elif result is not None:
            rows = f"{result.rows:,} row{'' if result.rows == 1 else 's'}"
            widgets.flash(f"{result.file_name} loaded as batch {result.batch_id} ({rows}).")
    if failed:
        widgets.show_flash()  # keep the error in sight: no rerun
    else:
        st.session_state[ROUND] += 1
        uploads.forget_uploads()
        st.rerun()

st.divider()
st.header("Return templates")
st.caption(
    "A template has the columns a provider's return needs, with the measure codes and the "
    "period filled in; the data tracker's lists last quarter's data sources. The Excel "
    "version has a Guidance sheet with each column's rule and the valid values."
)
left, middle, right = st.columns(3)
provider = left.selectbox("Provider", templates.template_providers(catalogue))
kinds = templates.template_kinds(catalogue, provider)
kind = middle.selectbox("Return", kinds, format_func=templates.KIND_TITLES.get)
period = right.selectbox("Quarter", templates.recent_quarters())
sources = []
if kind == "tracker":
    sources = widgets.attempt("reading the data sources", state.latest_data_sources) or []
buttons = st.container(horizontal=True)
for extension, make, mime in (
    ("csv", templates.template_csv, templates.CSV_MIME),
    ("xlsx", templates.template_xlsx, templates.XLSX_MIME),
):
    data = widgets.attempt(
        "making the template", make, catalogue, provider, kind, period, data_sources=sources
    )
    if data is not None:
        buttons.download_button(
            f"Download the {extension.upper()} template",
            data=data,
            file_name=templates.template_file_name(provider, kind, period, extension),
            mime=mime,
            on_click="ignore",
            icon=":material/download:",
            key=f"template-{extension}",
        )
