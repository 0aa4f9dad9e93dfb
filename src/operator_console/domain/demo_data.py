"""The demo's data, the same on both sides: the console seeds its store from it and the
plant server's ``init-demo`` seeds the server's, so a console running ``--demo`` pulls exactly
what it already shows. Plain data, no I/O (the login screen's demo panel reads the accounts
before the store is opened).

Accounts: every password is ``demo-<id>``. Batches ``B-2026-0142`` (patient P-0142, step
ACTIVATION) and ``B-2026-0143``; their registered cassettes; bays B1-B6 of instrument CPX-01;
and a label for every refusal of the cassette flows (see ``operator_console.demo_cassettes``).
"""

from __future__ import annotations

from dataclasses import dataclass

from operator_console.domain.people import Role

DEMO_STATION = "DEMO-STATION-01"
DEMO_BATCH = "B-2026-0142"
PROCEDURES = ("CASSETTE-LOAD", "CASSETTE-UNLOAD", "ALARM-ACK", "STEP-COMPLETE")


@dataclass(frozen=True)
class DemoUser:
    user_id: str
    password: str
    printed_name: str
    language: str
    roles: tuple[Role, ...]
    badge: str | None = None
    procedures: tuple[str, ...] = PROCEDURES
    qualification_expired: bool = False
    locked: bool = False
    active: bool = True
    note: str = ""  # English; the hint panel translates by user ID


DEMO_USERS: tuple[DemoUser, ...] = (
    DemoUser("op01", "demo-op01", "山田 花子", "ja", (Role.OPERATOR,), badge="BADGE-0001",
             note="operator"),
    DemoUser("op02", "demo-op02", "John Smith", "en", (Role.OPERATOR,), badge="BADGE-0002",
             note="operator"),
    DemoUser("ver01", "demo-ver01", "佐藤 健", "ja", (Role.OPERATOR, Role.VERIFIER),
             badge="BADGE-0101", note="verifier"),
    DemoUser("ver02", "demo-ver02", "Emily Clark", "en", (Role.VERIFIER,), note="verifier"),
    DemoUser("ver03", "demo-ver03", "鈴木 一郎", "ja", (Role.VERIFIER,),
             qualification_expired=True, note="verifier, qualification expired"),
    DemoUser("ver04", "demo-ver04", "Maria Garcia", "en", (Role.VERIFIER,),
             procedures=("ALARM-ACK",), note="verifier, not qualified for cassette steps"),
    DemoUser("op03", "demo-op03", "田中 美咲", "ja", (Role.OPERATOR,), note="operator only"),
    DemoUser("qa01", "demo-qa01", "高橋 誠", "ja", (Role.QA, Role.VERIFIER), note="QA"),
    # A second QA person: master recipes and (where the site requires it) releases need two.
    DemoUser("qa03", "demo-qa03", "中村 由美", "ja", (Role.QA,), procedures=(), note="QA"),
    DemoUser("admin", "demo-admin", "管理者 太郎", "ja", (Role.ADMINISTRATOR,),
             procedures=(), note="administrator"),
    DemoUser("op09", "demo-op09", "伊藤 翔", "ja", (Role.OPERATOR,), locked=True,
             note="locked account"),
    DemoUser("op10", "demo-op10", "渡辺 恵", "ja", (Role.OPERATOR,), active=False,
             note="disabled account"),
)

GTIN = "04569951120015"
OTHER_BATCH = "B-2026-0143"
STEP = "ACTIVATION"


def cassette_label(serial: str, *, expiry: str = "301231", lot: str = "L2611",
                   gtin: str = GTIN) -> str:
    """The bracketed GS1 form of a demo cassette label."""
    return f"(01){gtin}(17){expiry}(10){lot}(21){serial}"


def bag_label(flags_din: str = "A99992610014289", *, expiry: str = "0302352359",
              coi: str = "CHA99992600142A") -> str:
    """An ISBT 128 compound message: DIN + flags, product code, expiry date/time, CoI."""
    return f"=+04000={flags_din}=<E0001V00&>{expiry}&/{coi}"


GOOD_CASSETTE = cassette_label("CS0142A1")
GOOD_BAG = bag_label()

DEMO_LABELS: tuple[tuple[str, str], ...] = (
    ("good cassette", GOOD_CASSETTE),
    ("good cassette (second)", cassette_label("CS0142A2")),
    ("cassette of another batch", cassette_label("CS0143A1")),
    ("cassette of another step", cassette_label("CS0142E1")),
    ("cassette not registered", cassette_label("CS9999Z9")),
    ("cassette with wrong lot", cassette_label("CS0142L1", lot="L9999")),
    ("expired cassette", cassette_label("CS0142X1", expiry="250131")),
    ("rejected cassette", cassette_label("CS0142R1")),
    ("quarantined cassette", cassette_label("CS0142Q1")),
    ("cassette loaded in B2", cassette_label("CS0142D1")),
    ("cassette loaded at another station", cassette_label("CS0142S1")),
    ("cassette used and unloaded", cassette_label("CS0142U1")),
    ("cassette with a load awaiting verification", cassette_label("CS0142P1")),
    ("cassette GTIN check digit wrong", cassette_label("CS0142A1", gtin="04569951120016")),
    ("truncated cassette label", "(01)0456995112"),
    ("good bag", GOOD_BAG),
    ("bag of another patient", bag_label("A99992610014387", coi="CHA99992600143B")),
    ("bag with another patient's CoI", bag_label(coi="CHA99992600143B")),
    ("expired bag", bag_label(expiry="0260012359")),
    ("bag DIN check fails", bag_label("A99992610014288")),
    ("bag without expiry", "=A99992610014289"),
    ("free bay", "B1"),
    ("occupied bay", "B2"),
    ("reserved bay", "B4"),
    ("bay out of service", "B5"),
)
"""(what it demonstrates, text to scan), for the UI's demo hint and for tests."""

REGISTERED = (  # serial, step, lot, disposition (batch B-2026-0142)
    ("CS0142A1", STEP, "L2611", "released"), ("CS0142A2", STEP, "L2611", "released"),
    ("CS0142E1", "EXPANSION", "L2611", "released"), ("CS0142L1", STEP, "L2611", "released"),
    ("CS0142X1", STEP, "L2611", "released"), ("CS0142R1", STEP, "L2611", "rejected"),
    ("CS0142Q1", STEP, "L2611", "quarantined"), ("CS0142D1", STEP, "L2611", "released"),
    ("CS0142S1", STEP, "L2611", "released"), ("CS0142U1", STEP, "L2611", "released"),
    ("CS0142P1", STEP, "L2611", "released"),
)
#: (batch, patient, DIN, CoI) of the demo batches; the plant server's demo data is the same.
BATCHES = (
    (DEMO_BATCH, "P-0142", "A999926100142", "CHA99992600142A"),
    (OTHER_BATCH, "P-0143", "A999926100143", "CHA99992600143B"),
)
PRODUCT = "CAR-T (autologous)"
INSTRUMENT = "CPX-01"
#: (bay, position, in service) of the demo station's bays.
BAYS = tuple((f"B{pos}", pos, pos != 5) for pos in range(1, 7))
#: The registered cassette of the other batch.
OTHER_CASSETTE = ("CS0143A1", STEP, "L2611", "released")
