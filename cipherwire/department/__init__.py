"""The cipher department: a discrete-event simulation (SimPy) of clerks, lines and queues.

Telegrams arrive (:class:`Workload`), are registered, enciphered and checked by clerks on
shifts, wait for a line, are sent and deciphered at the destination
(:class:`Simulation`, :func:`simulate`), each of them really enciphered with the codebook
and a one-time pad.  A :class:`Run` holds a :class:`Record` per telegram, the queue
lengths and the use of clerks and lines; :class:`Report` sums it up, and
:mod:`cipherwire.department.plot` draws it (with the ``plot`` extra).

>>> from cipherwire.department import Workload, simulate
>>> run = simulate(Workload.from_files(["seeds/000_ee3f4792618692d7.txt"]))
>>> record = run.records[0]
>>> record.received.isoformat(), record.dispatched.isoformat(timespec="seconds")
('1950-12-07T19:10:00+03:00', '1950-12-07T20:40:12+03:00')
>>> record.decoded, record.clerk, record.checker
(True, 'day 1', 'night 1')
"""

from cipherwire.department.clerks import ClerkPool
from cipherwire.department.config import DepartmentConfig, Exponential, Link, Shift
from cipherwire.department.model import DEFAULT_SEED, Simulation, simulate
from cipherwire.department.paperwork import PadSupply, Paperwork
from cipherwire.department.queues import QueueLength
from cipherwire.department.records import Record, write_csv, write_jsonl
from cipherwire.department.report import Report, Stats
from cipherwire.department.run import ResourceUse, Run
from cipherwire.department.workload import Arrival, Lengths, Rhythm, Workload, parse_rate
from cipherwire.errors import (
    DepartmentConfigError,
    PlotUnavailableError,
    RecordError,
    SimulationError,
    WorkloadError,
)

__all__ = [
    "DEFAULT_SEED",
    "Arrival",
    "ClerkPool",
    "DepartmentConfig",
    "DepartmentConfigError",
    "Exponential",
    "Lengths",
    "Link",
    "PadSupply",
    "Paperwork",
    "PlotUnavailableError",
    "QueueLength",
    "Record",
    "RecordError",
    "Report",
    "ResourceUse",
    "Rhythm",
    "Run",
    "Shift",
    "Simulation",
    "SimulationError",
    "Stats",
    "Workload",
    "WorkloadError",
    "parse_rate",
    "simulate",
    "write_csv",
    "write_jsonl",
]
