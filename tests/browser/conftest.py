"""Real-browser fixtures: the dashboard served by Streamlit, driven by Debian's chromium."""

from __future__ import annotations

import contextlib
import json
import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from pathlib import Path

import pytest

REPO = Path(__file__).resolve().parents[2]
CHROMIUM = "/usr/bin/chromium"
CHROMIUM_ARGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args: dict) -> dict:
    """Use Debian's chromium (the tests never download a browser)."""
    return {**browser_type_launch_args, "executable_path": CHROMIUM, "args": CHROMIUM_ARGS}


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args: dict) -> dict:
    return {**browser_context_args, "viewport": {"width": 1280, "height": 1500}}


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def _wait_until_up(url: str, process: subprocess.Popen, log: Path) -> None:
    """Poll ``url`` until it answers 200 (60 s at most, and not once the process ended)."""
    deadline = time.monotonic() + 60
    while True:
        try:
            with urllib.request.urlopen(url, timeout=2) as response:
                if response.status == 200:
                    return
        except OSError:
            pass
        if time.monotonic() > deadline or process.poll() is not None:
            raise RuntimeError(f"{url} did not answer; see {log}")
        time.sleep(0.5)


def _stop(process: subprocess.Popen) -> None:
    process.terminate()
    try:
        process.wait(timeout=15)
    except subprocess.TimeoutExpired:
        process.kill()


@contextlib.contextmanager
def running_provider(workdir: Path, users: list[dict]) -> Iterator[str]:
    """A real OpenID Connect provider on localhost (oidc-provider-mock) that knows
    ``users`` (their claims, each with a ``sub``); yield its address."""
    port = free_port()
    claims = [arg for user in users for arg in ("--user-claims", json.dumps(user))]
    log_path = workdir / "provider.log"
    with log_path.open("w") as log:
        provider = subprocess.Popen(
            [sys.executable, "-m", "oidc_provider_mock", "--port", str(port), *claims],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
        url = f"http://localhost:{port}"
        try:
            _wait_until_up(f"{url}/.well-known/openid-configuration", provider, log_path)
            yield url
        finally:
            _stop(provider)


def sign_in_secrets(workdir: Path, *, provider: str, port: int) -> Path:
    """A secrets file whose ``[auth]`` section signs in through ``provider`` to a
    dashboard served at ``http://localhost:{port}``."""
    path = workdir / "secrets.toml"
    path.write_text(
        "[auth]\n"
        f'redirect_uri = "http://localhost:{port}/oauth2callback"\n'
        'cookie_secret = "a-cookie-secret-for-the-browser-test-only"\n'
        'client_id = "vrp-dashboard"\n'
        'client_secret = "browser-test-secret"\n'
        f'server_metadata_url = "{provider}/.well-known/openid-configuration"\n'
    )
    return path


@contextlib.contextmanager
def running_dashboard(
    workdir: Path, *, port: int | None = None, secrets: Path | None = None
) -> Iterator[str]:
    """Serve ``app.py`` on a fresh copy of the demo database; yield its address.

    With ``secrets`` (a secrets file, see :func:`sign_in_secrets`) sign-in is configured;
    the address is then ``localhost``, the host its redirect URI names."""
    db = workdir / "vrp.duckdb"
    subprocess.run(
        [sys.executable, "-m", "vrp_metrics", "demo", "--db", str(db)],
        cwd=REPO,
        check=True,
        capture_output=True,
    )
    port = port or free_port()
    log = (workdir / "server.log").open("w")
    more = ["--secrets.files", str(secrets)] if secrets else []
    server = subprocess.Popen(
        [
            sys.executable, "-m", "streamlit", "run", "app.py",
            "--server.headless", "true", "--server.port", str(port),
            "--server.address", "127.0.0.1", "--browser.gatherUsageStats", "false",
            *more,
        ],
        cwd=REPO,
        stdout=log,
        stderr=subprocess.STDOUT,
        env={**os.environ, "VRP_DB": str(db)},
    )  # fmt: skip
    url = f"http://{'localhost' if secrets else '127.0.0.1'}:{port}"
    try:
        _wait_until_up(f"http://127.0.0.1:{port}/_stcore/health", server, Path(log.name))
        yield url
    finally:
        _stop(server)
        log.close()


@pytest.fixture(scope="session")
def dashboard_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """One server for the session's tests."""
    with running_dashboard(tmp_path_factory.mktemp("server")) as url:
        yield url


@pytest.fixture
def fresh_dashboard_url(tmp_path: Path) -> Iterator[str]:
    """A server that no browser has opened yet (for first-request behaviour)."""
    with running_dashboard(tmp_path) as url:
        yield url
