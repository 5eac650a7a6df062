"""Benchmark suite (性能基准): ``python -m bench --quick|--full`` — see docs/performance.md."""
