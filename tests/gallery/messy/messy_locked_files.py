"""The messy gallery's password-protected files: an .xls saved with a password through LibreOffice's own
Python (UNO), an .xlsx encrypted as Excel does it with msoffcrypto-tool when it is importable.
"""
from __future__ import annotations

import shutil
import subprocess
import tempfile
from pathlib import Path

from tests.gallery.gallery_files import office_profile
from tests.gallery.messy.messy_files import HERE, SCRATCH


UNO_SAVE_WITH_PASSWORD = r"""
import os, subprocess, sys, time, uno
from com.sun.star.beans import PropertyValue
source, target, filter_name, password, profile = sys.argv[1:6]
def prop(name, value):
    p = PropertyValue(); p.Name = name; p.Value = value; return p
pipe = "messygallery%d" % os.getpid()
office = subprocess.Popen(["soffice", "-env:UserInstallation=" + profile, "--headless", "--invisible",
                           "--norestore", "--accept=pipe,name=%s;urp;" % pipe])
try:
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext("com.sun.star.bridge.UnoUrlResolver", local)
    for _ in range(150):
        try:
            context = resolver.resolve("uno:pipe,name=%s;urp;StarOffice.ComponentContext" % pipe)
            break
        except Exception:
            time.sleep(0.2)
    desktop = context.ServiceManager.createInstanceWithContext("com.sun.star.frame.Desktop", context)
    doc = desktop.loadComponentFromURL(uno.systemPathToFileUrl(source), "_blank", 0, (prop("Hidden", True),))
    doc.storeToURL(uno.systemPathToFileUrl(target), (prop("FilterName", filter_name), prop("Password", password)))
    doc.close(True)
    try:
        desktop.terminate()
    except Exception:
        pass
finally:
    office.wait(timeout=60)
"""


def soffice_with_password(source: Path, target_name: str, filter_name: str) -> None:
    """Save the file through LibreOffice with a password (File > Save As > Save with password)."""
    office_python = Path("/usr/bin/python3")
    probe = subprocess.run([str(office_python), "-c", "import uno"], capture_output=True) \
        if office_python.exists() and shutil.which("soffice") else None
    if probe is None or probe.returncode != 0:
        print(f"skipped {target_name}: no LibreOffice Python (uno) here (the committed file is kept)")
        return
    profile = office_profile(Path(tempfile.mkdtemp(dir=SCRATCH))).as_uri()
    subprocess.run([str(office_python), "-c", UNO_SAVE_WITH_PASSWORD, str(source), str(HERE / target_name),
                    filter_name, "123456", profile], check=True, capture_output=True, timeout=180)


def encrypt_xlsx(source: Path, target_name: str) -> None:
    """An xlsx encrypted as Excel does it (agile encryption in an OLE container), by msoffcrypto-tool."""
    try:
        from msoffcrypto.format.ooxml import OOXMLFile
    except ImportError:
        print(f"skipped {target_name}: msoffcrypto-tool is not installed (the committed file is kept)")
        return
    with source.open("rb") as plain, (HERE / target_name).open("wb") as locked:
        OOXMLFile(plain).encrypt("123456", locked)
