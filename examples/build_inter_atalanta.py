"""Build the seed match, Inter 1-1 Atalanta (Serie A 2019-20, matchday 19), as a ledger.

Every fact of the seed match report is here: Lautaro Martínez's goal (4'), his chip
cleared off the line, the penalty appeal turned down, Malinovskyi's shot against the
post, Gosens's equaliser (75'), Gómez's shot against the crossbar, Bastoni's foul and
the penalty Handanović saved from Muriel. The report gives few minutes; the minutes,
lineups, substitutions, cautions and added time come from contemporaneous match
reports (Lega Serie A line-ups as printed in the Italian press). The report names
Palomino as the player who went down in the penalty appeal; some other reports name
Toloi. The report is followed. Gómez's shot against the crossbar has no reliable
minute, so it has none: it falls in the second half by its place in the ledger.

Run it from the repository root to write both copies of the example:

    uv run python examples/build_inter_atalanta.py
"""

from __future__ import annotations

import itertools
import sys
from datetime import datetime, timedelta, timezone
from pathlib import Path

from matchledger import (
    BodyPart,
    Card,
    CardShown,
    Event,
    FoulCommitted,
    Ledger,
    LineupAnnounced,
    LineupEntry,
    MatchEnded,
    MatchScheduled,
    MatchTime,
    PenaltyAppealDenied,
    PenaltyAwarded,
    Period,
    PeriodEnded,
    PeriodStarted,
    Player,
    ShotOutcome,
    ShotTaken,
    Situation,
    SubstitutionMade,
    Team,
    VarDecision,
    VarIncident,
    VarReviewed,
    dump,
)

MATCH = "inter-atalanta-2020-01-11"
INTER = Team(team_id="inter", name="Inter")
ATALANTA = Team(team_id="atalanta", name="Atalanta")
CET = timezone(timedelta(hours=1), "CET")

_ids = (f"ia-{n:03d}" for n in itertools.count(1))


def player(name: str) -> Player:
    """A player whose id is the slug of the name."""
    slug = name.lower().replace(" ", "-").translate(str.maketrans("áéíóúćčšèòéíñ", "aeiouccseoein"))
    return Player(player_id=slug, name=name)


def sheet(
    *rows: tuple[int | None, str, str] | tuple[int | None, str, str, bool],
) -> tuple[LineupEntry, ...]:
    """Lineup entries from (shirt number, name, position[, captain]) rows."""
    return tuple(
        LineupEntry(
            player=player(row[1]),
            shirt_number=row[0],
            position=row[2],
            captain=len(row) > 3 and bool(row[3]),
        )
        for row in rows
    )


P = {
    name: player(name)
    for name in [
        "Samir Handanović",
        "Diego Godín",
        "Alessandro Bastoni",
        "Stefano Sensi",
        "Romelu Lukaku",
        "Lautaro Martínez",
        "Borja Valero",
        "Matteo Politano",
        "Pierluigi Gollini",
        "Rafael Tolói",
        "José Luis Palomino",
        "Hans Hateboer",
        "Marten de Roon",
        "Mario Pašalić",
        "Robin Gosens",
        "Alejandro Gómez",
        "Duván Zapata",
        "Ruslan Malinovskyi",
        "Luis Muriel",
        "Timothy Castagne",
    ]
}


def at(text: str) -> MatchTime:
    """A match time from its printed form."""
    return MatchTime.parse(text)


def events() -> list[Event]:
    """Every event of the match, in the order it happened."""
    m = {"match_id": MATCH}

    def e() -> dict[str, str]:
        return {"event_id": next(_ids), **m}

    inter, ata = INTER.team_id, ATALANTA.team_id
    return [
        MatchScheduled(
            **e(),
            competition="Serie A",
            season="2019-20",
            round="Matchday 19",
            kickoff=datetime(2020, 1, 11, 20, 45, tzinfo=CET),
            venue="Stadio Giuseppe Meazza (San Siro), Milan",
            home=INTER,
            away=ATALANTA,
        ),
        LineupAnnounced(
            **e(),
            team=inter,
            starters=sheet(
                (1, "Samir Handanović", "GK", True),
                (2, "Diego Godín", "DF"),
                (6, "Stefan de Vrij", "DF"),
                (95, "Alessandro Bastoni", "DF"),
                (87, "Antonio Candreva", "MF"),
                (5, "Roberto Gagliardini", "MF"),
                (77, "Marcelo Brozović", "MF"),
                (12, "Stefano Sensi", "MF"),
                (34, "Cristiano Biraghi", "MF"),
                (9, "Romelu Lukaku", "FW"),
                (10, "Lautaro Martínez", "FW"),
            ),
            bench=sheet(
                (27, "Daniele Padelli", "GK"),
                (46, "Tommaso Berni", "GK"),
                (7, "Alexis Sánchez", "FW"),
                (8, "Matías Vecino", "MF"),
                (13, "Andrea Ranocchia", "DF"),
                (16, "Matteo Politano", "FW"),
                (19, "Valentino Lazaro", "MF"),
                (20, "Borja Valero", "MF"),
                (21, "Federico Dimarco", "DF"),
                (30, "Sebastiano Esposito", "FW"),
                (31, "Lorenzo Pirola", "DF"),
                (32, "Lucien Agoumé", "MF"),
            ),
        ),
        LineupAnnounced(
            **e(),
            team=ata,
            starters=sheet(
                (95, "Pierluigi Gollini", "GK"),
                (2, "Rafael Tolói", "DF"),
                (6, "José Luis Palomino", "DF"),
                (19, "Berat Djimsiti", "DF"),
                (33, "Hans Hateboer", "MF"),
                (15, "Marten de Roon", "MF"),
                (88, "Mario Pašalić", "MF"),
                (8, "Robin Gosens", "MF"),
                (10, "Alejandro Gómez", "MF", True),
                (72, "Josip Iličić", "FW"),
                (91, "Duván Zapata", "FW"),
            ),
            bench=sheet(
                (None, "Francesco Rossi", "GK"),
                (None, "Marco Sportiello", "GK"),
                (None, "Andrea Masiello", "DF"),
                (None, "Remo Freuler", "MF"),
                (None, "Roberto Piccoli", "FW"),
                (None, "Jacopo Da Riva", "MF"),
                (None, "Caleb Okoli", "DF"),
                (None, "Amad Traorè", "FW"),
                (None, "Heidenreich", "DF"),
                (18, "Ruslan Malinovskyi", "MF"),
                (9, "Luis Muriel", "FW"),
                (21, "Timothy Castagne", "DF"),
            ),
        ),
        PeriodStarted(**e(), period=Period.FIRST_HALF),
        ShotTaken(
            **e(),
            team=inter,
            at=at("4'"),
            player=P["Lautaro Martínez"],
            outcome=ShotOutcome.GOAL,
            body_part=BodyPart.RIGHT_FOOT,
            assist=P["Romelu Lukaku"],
        ),
        CardShown(**e(), team=ata, at=at("8'"), player=P["Hans Hateboer"], card=Card.YELLOW),
        ShotTaken(
            **e(),
            team=ata,
            at=at("10'"),
            player=P["Mario Pašalić"],
            outcome=ShotOutcome.OFF_TARGET,
            body_part=BodyPart.LEFT_FOOT,
        ),
        ShotTaken(
            **e(),
            team=inter,
            at=at("22'"),
            player=P["Lautaro Martínez"],
            outcome=ShotOutcome.CLEARED_OFF_LINE,
            stopped_by=P["José Luis Palomino"],
        ),
        CardShown(**e(), team=ata, at=at("24'"), player=P["Marten de Roon"], card=Card.YELLOW),
        ShotTaken(
            **e(),
            team=ata,
            at=at("40'"),
            player=P["Rafael Tolói"],
            outcome=ShotOutcome.SAVED,
            situation=Situation.FREE_KICK,
            body_part=BodyPart.HEAD,
            stopped_by=P["Samir Handanović"],
        ),
        PenaltyAppealDenied(
            **e(),
            team=ata,
            at=at("40'"),
            claimed_by=P["José Luis Palomino"],
            against=P["Lautaro Martínez"],
        ),
        VarReviewed(
            **e(),
            at=at("40'"),
            incident=VarIncident.PENALTY,
            decision=VarDecision.STANDS,
            subject="ia-011",
        ),
        CardShown(**e(), team=ata, at=at("42'"), player=P["José Luis Palomino"], card=Card.YELLOW),
        CardShown(
            **e(),
            team=inter,
            at=at("42'"),
            player=player("Antonio Conte"),
            card=Card.YELLOW,
            official=True,
            reason="protests (head coach)",
        ),
        PeriodEnded(**e(), period=Period.FIRST_HALF, at=at("45+1'")),
        PeriodStarted(**e(), period=Period.SECOND_HALF),
        SubstitutionMade(
            **e(),
            team=ata,
            at=at("53'"),
            player_off=P["Duván Zapata"],
            player_on=P["Ruslan Malinovskyi"],
        ),
        ShotTaken(
            **e(),
            team=ata,
            at=at("55'"),
            player=P["Ruslan Malinovskyi"],
            outcome=ShotOutcome.POST,
        ),
        CardShown(**e(), team=inter, at=at("65'"), player=P["Stefano Sensi"], card=Card.YELLOW),
        SubstitutionMade(
            **e(),
            team=ata,
            at=at("70'"),
            player_off=P["Mario Pašalić"],
            player_on=P["Luis Muriel"],
        ),
        SubstitutionMade(
            **e(),
            team=inter,
            at=at("71'"),
            player_off=P["Stefano Sensi"],
            player_on=P["Borja Valero"],
        ),
        ShotTaken(
            **e(),
            team=ata,
            at=at("75'"),
            player=P["Robin Gosens"],
            outcome=ShotOutcome.GOAL,
        ),
        ShotTaken(
            **e(),
            team=ata,
            player=P["Alejandro Gómez"],
            outcome=ShotOutcome.CROSSBAR,
        ),
        SubstitutionMade(
            **e(),
            team=inter,
            at=at("80'"),
            player_off=P["Lautaro Martínez"],
            player_on=P["Matteo Politano"],
        ),
        CardShown(**e(), team=inter, at=at("83'"), player=P["Diego Godín"], card=Card.YELLOW),
        FoulCommitted(
            **e(),
            team=inter,
            at=at("87'"),
            player=P["Alessandro Bastoni"],
            fouled=P["Ruslan Malinovskyi"],
        ),
        PenaltyAwarded(
            **e(),
            team=ata,
            at=at("87'"),
            won_by=P["Ruslan Malinovskyi"],
            conceded_by=P["Alessandro Bastoni"],
        ),
        ShotTaken(
            **e(),
            team=ata,
            at=at("88'"),
            player=P["Luis Muriel"],
            outcome=ShotOutcome.SAVED,
            situation=Situation.PENALTY,
            stopped_by=P["Samir Handanović"],
        ),
        CardShown(
            **e(),
            team=ata,
            at=at("89'"),
            player=P["Ruslan Malinovskyi"],
            card=Card.YELLOW,
        ),
        SubstitutionMade(
            **e(),
            team=ata,
            at=at("90'"),
            player_off=P["Robin Gosens"],
            player_on=P["Timothy Castagne"],
        ),
        PeriodEnded(**e(), period=Period.SECOND_HALF, at=at("90+4'")),
        MatchEnded(**e()),
    ]


def main() -> None:
    """Validate the events as a ledger and write both copies."""
    ledger = Ledger(events())
    root = Path(__file__).resolve().parent.parent
    for target in (
        root / "examples" / "inter-atalanta.json",
        root / "src" / "matchledger" / "data" / "inter-atalanta.json",
    ):
        dump(ledger, target)
        print(f"wrote {len(ledger)} events to {target.relative_to(root)}", file=sys.stderr)


if __name__ == "__main__":
    main()
