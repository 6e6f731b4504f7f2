"""Run the benchmark: ``python -m bench [--only pages,exports,pdfs,tasks,load] [--repeat 10]``."""

import argparse
import os
import sys
import time
import warnings


def main(argv=None):
    parser = argparse.ArgumentParser(prog="python -m bench", description=__doc__)
    parser.add_argument("--only", default="pages,exports,pdfs,tasks,load", help="comma-separated parts to run")
    parser.add_argument("--repeat", type=int, default=10, help="requests per page and role (default 10)")
    parser.add_argument("--load-seconds", type=int, default=15, help="seconds per load step (default 15)")
    parser.add_argument("--rates", default="5,10,20,30,40,50,60", help="request rates of the load run (req/s)")
    parser.add_argument("--workers", type=int, default=4, help="gunicorn workers for the load run (default 4)")
    parser.add_argument("--match", default="", help="only labels containing this (or any part of a|b|c)")
    parser.add_argument("--out", default=os.path.join(os.path.dirname(__file__), "results.md"))
    args = parser.parse_args(argv)
    if not os.environ.get("DATABASE_URL", "").startswith("postgres"):
        print("make bench measures the seeded PostgreSQL database: set DATABASE_URL (see README, Benchmark).")
        return 2
    os.environ["DJANGO_SETTINGS_MODULE"] = "config.settings.local"
    os.environ["DJANGO_DEBUG"] = "False"
    os.environ.setdefault("LOG_LEVEL", "WARNING")
    warnings.filterwarnings("ignore")
    import django

    django.setup()
    from . import report, runner

    parts = set(args.only.split(","))
    started = time.monotonic()
    results = {"machine_before": report.machine()}
    ctx = runner.Context(repeat=args.repeat, match=args.match)
    print(f"benchmark on {results['machine_before']['database']}; personas: {ctx.describe()}")
    if "pages" in parts:
        results["pages"] = runner.run_pages(ctx)
    if "exports" in parts:
        results["exports"] = runner.run_exports(ctx)
    if "pdfs" in parts:
        results["pdfs"] = runner.run_pdfs(ctx)
    if "tasks" in parts:
        results["tasks"] = runner.run_tasks(ctx)
    if "load" in parts:
        from . import load

        rates = [int(r) for r in args.rates.split(",")]
        results["load"] = load.run(ctx, rates=rates, seconds=args.load_seconds, workers=args.workers)
    results["machine_after"] = report.machine()
    results["seconds"] = time.monotonic() - started
    text = report.markdown(results)
    with open(args.out, "w") as f:
        f.write(text)
    print(f"\nwrote {args.out} ({results['seconds']:.0f} s)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
