"""``python -m vrp_metrics.demo_data``: write the synthetic demonstration returns."""

from vrp_metrics.demo_data import main

raise SystemExit(main())
