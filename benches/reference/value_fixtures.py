"""lifetimes' and scikit-learn's results on the CDNOW sample, for tests/value/.

The CDNOW sample (tests/fixtures/value/CDNOW_sample.txt) is the file that ships inside the
lifetimes package (lifetimes/datasets/CDNOW_sample.txt): 2,357 customers of the CD
retailer CDNOW, 1997-01-01 to 1998-06-30, one line per purchase: customer id, a second
id, date (yyyymmdd), CDs bought, dollar amount. The test reads the same copy.

Writes to the folder given:
- CDNOW_sample.txt: that file, copied byte for byte;
- summary_days.csv, summary_weeks.csv: summary_data_from_transaction_data (freq D and W);
- summary_7days.csv: the same with freq D and freq_multiplier 7 (lifetimes' weeks of 7
  days: purchases counted per day, recency and T in days / 7);
- summary_until_days.csv, summary_until_weeks.csv: the same (freq D and W) with
  observation_period_end 1998-03-29, a Sunday (the last day of a pandas W period, so
  that lifetimes, which keeps the whole period of the end date, and crm-lens, which
  keeps the lines up to the date, read the same lines);
- calibration_holdout_7days.csv: calibration_and_holdout_data with freq D and
  freq_multiplier 7, holdout 13 weeks of 7 days (91 days);
- calibration_holdout.csv: calibration_and_holdout_data, holdout 90 days;
- predictions.csv: per customer, with lifetimes' fitted parameters, the conditional
  expected purchases over 30 days, the probability alive and the CLV
  (customer_lifetime_value, 12 months of 30 days, 1% a month);
- models.json: BG/NBD and Gamma-Gamma parameters (penalizer 0 and 0.01), the settings
  used, the logistic regression's coefficients, and BG/NBD's parameters on the 7-day
  summary (seven_days) and on the summary up to 1998-03-29 (until_days);
- logistic.csv: the standardised calibration features and the label the logistic
  regression is fitted on.
"""

import json
import shutil
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import lifetimes
from lifetimes import BetaGeoFitter, GammaGammaFitter
from lifetimes.utils import calibration_and_holdout_data, summary_data_from_transaction_data
from sklearn.linear_model import LogisticRegression
from sklearn.preprocessing import StandardScaler

HOLDOUT_DAYS = 90
HORIZON_DAYS = 30
LOGISTIC_C = 0.5
SEVEN_DAY_HOLDOUT_WEEKS = 13
UNTIL = "1998-03-29"


def main(out: Path) -> None:
    out.mkdir(parents=True, exist_ok=True)
    source = Path(lifetimes.__file__).parent / "datasets" / "CDNOW_sample.txt"
    shutil.copyfile(source, out / "CDNOW_sample.txt")
    tx = pd.read_csv(
        source,
        sep=r"\s+",
        header=None,
        names=["customer_id", "customer_index", "date", "quantity", "amount"],
        dtype={"customer_id": str, "customer_index": str, "date": str},
    )
    tx["date"] = pd.to_datetime(tx["date"], format="%Y%m%d")
    end = tx["date"].max()

    days = summary_data_from_transaction_data(
        tx, "customer_id", "date", monetary_value_col="amount", observation_period_end=end, freq="D"
    )
    days.to_csv(out / "summary_days.csv", float_format="%.17g")
    weeks = summary_data_from_transaction_data(
        tx, "customer_id", "date", monetary_value_col="amount", observation_period_end=end, freq="W"
    )
    weeks.to_csv(out / "summary_weeks.csv", float_format="%.17g")
    seven = summary_data_from_transaction_data(
        tx, "customer_id", "date", monetary_value_col="amount", observation_period_end=end, freq="D",
        freq_multiplier=7
    )
    seven.to_csv(out / "summary_7days.csv", float_format="%.17g")
    until = {}
    for freq, name in [("D", "days"), ("W", "weeks")]:
        until[name] = summary_data_from_transaction_data(
            tx, "customer_id", "date", monetary_value_col="amount", observation_period_end=UNTIL,
            freq=freq
        )
        until[name].to_csv(out / f"summary_until_{name}.csv", float_format="%.17g")

    models = {"lifetimes": lifetimes.__version__, "holdout_days": HOLDOUT_DAYS,
              "horizon_days": HORIZON_DAYS, "logistic_c": LOGISTIC_C}
    for penalizer in [0.0, 0.01]:
        bgf = BetaGeoFitter(penalizer_coef=penalizer).fit(days["frequency"], days["recency"], days["T"])
        repeat = days[(days["frequency"] > 0) & (days["monetary_value"] > 0)]
        ggf = GammaGammaFitter(penalizer_coef=penalizer).fit(repeat["frequency"], repeat["monetary_value"])
        models[f"penalizer_{penalizer}"] = {
            "penalizer": penalizer,
            "bgnbd": {k: float(v) for k, v in bgf.params_.items()},
            "gamma_gamma": {k: float(v) for k, v in ggf.params_.items()},
            "gamma_gamma_customers": int(len(repeat)),
        }
        if penalizer == 0.0:
            predictions = pd.DataFrame(index=days.index)
            predictions["expected"] = bgf.conditional_expected_number_of_purchases_up_to_time(
                HORIZON_DAYS, days["frequency"], days["recency"], days["T"])
            predictions["alive"] = bgf.conditional_probability_alive(
                days["frequency"], days["recency"], days["T"])
            predictions["average_profit"] = ggf.conditional_expected_average_profit(
                days["frequency"], days["monetary_value"])
            predictions["clv"] = ggf.customer_lifetime_value(
                bgf, days["frequency"], days["recency"], days["T"], days["monetary_value"],
                time=12, discount_rate=0.01, freq="D")
            predictions.to_csv(out / "predictions.csv", float_format="%.17g")

    bgf7 = BetaGeoFitter().fit(seven["frequency"], seven["recency"], seven["T"])
    models["seven_days"] = {
        "freq": "D", "freq_multiplier": 7,
        "bgnbd": {k: float(v) for k, v in bgf7.params_.items()},
    }
    bgf_until = BetaGeoFitter().fit(
        until["days"]["frequency"], until["days"]["recency"], until["days"]["T"])
    models["until_days"] = {
        "observation_period_end": UNTIL,
        "bgnbd": {k: float(v) for k, v in bgf_until.params_.items()},
    }
    cal7 = calibration_and_holdout_data(
        tx, "customer_id", "date",
        calibration_period_end=end - pd.Timedelta(days=7 * SEVEN_DAY_HOLDOUT_WEEKS),
        observation_period_end=end, freq="D", freq_multiplier=7, monetary_value_col="amount")
    cal7.to_csv(out / "calibration_holdout_7days.csv", float_format="%.17g")
    models["seven_days"]["holdout_weeks"] = SEVEN_DAY_HOLDOUT_WEEKS

    calibration_end = end - pd.Timedelta(days=HOLDOUT_DAYS)
    cal = calibration_and_holdout_data(
        tx, "customer_id", "date", calibration_period_end=calibration_end,
        observation_period_end=end, freq="D", monetary_value_col="amount")
    cal.to_csv(out / "calibration_holdout.csv", float_format="%.17g")

    features = ["frequency_cal", "recency_cal", "T_cal", "monetary_value_cal"]
    x = StandardScaler().fit_transform(cal[features].to_numpy())
    y = (cal["frequency_holdout"] == 0).to_numpy()
    lr = LogisticRegression(C=LOGISTIC_C, tol=1e-12, max_iter=100000).fit(x, y)
    models["logistic"] = {"features": features, "coef": lr.coef_[0].tolist(),
                          "intercept": float(lr.intercept_[0])}
    table = pd.DataFrame(x, columns=features)
    table["churned"] = y.astype(int)
    table.to_csv(out / "logistic.csv", index=False, float_format="%.17g")

    (out / "models.json").write_text(json.dumps(models, indent=2) + "\n")


if __name__ == "__main__":
    main(Path(sys.argv[1]))
