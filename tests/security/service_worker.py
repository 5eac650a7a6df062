"""A separate OS process that writes through the services (used by the concurrency and crash tests).

    python service_worker.py URL DATA_DIR PREFIX COUNT BATCH [INCREMENTS]

Creates users PREFIX000..PREFIX{COUNT-1} through ``create_user`` (one audit entry
each), BATCH users per transaction, skipping users that already exist so a
re-run after a crash finishes the work without duplicates. Prints ``created N``
after each user (inside the open transaction) and ``committed N`` after each
commit, flushing, so a test can kill it at a known point. With INCREMENTS, it
then adds one to a shared counter that many times (read-modify-write through
the database store).
"""

from __future__ import annotations

import asyncio
import sys
from pathlib import Path


async def main(url: str, data_dir: str, prefix: str, count: int, batch: int, increments: int) -> None:
    from hearing_core.app import HearingApp
    from hearing_core.context import ServiceContext
    from hearing_core.security.actor import SYSTEM
    from hearing_core.security.service import create_user
    from hearing_core.security.stores import DatabaseStore
    from hearing_core.security.tables import User
    from hearing_core.settings import Settings

    settings = Settings(data_dir=Path(data_dir), database_url=url, load_plugins=(), secret_key="k" * 40)
    app = HearingApp(settings)
    async with app.running():
        ctx = ServiceContext(app, SYSTEM)
        names = [f"{prefix}{i:03d}" for i in range(count)]
        created = 0
        for start in range(0, count, batch):
            async with ctx.write():
                for name in names[start : start + batch]:
                    if await User.exists().where(User.username == name).run():
                        continue
                    await create_user(ctx, name, "password-123", ["clerk"], name)
                    created += 1
                    print(f"created {created}", flush=True)
            print(f"committed {start + len(names[start:start + batch])}", flush=True)
        store = DatabaseStore(app, namespace="test")
        for _ in range(increments):
            await store.increment("counter", 3600)
    print("done", flush=True)


if __name__ == "__main__":
    url, data_dir, prefix, count, batch = sys.argv[1:6]
    increments = int(sys.argv[6]) if len(sys.argv) > 6 else 0
    asyncio.run(main(url, data_dir, prefix, int(count), int(batch), increments))
