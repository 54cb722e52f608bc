"""Bad inputs a JSON Schema can express, each rejected by the schema and by `s75 validate`; and
spellings the loader accepts, which the schema must accept too (it may never refuse a file the
loader takes).

BASE is a small scenario that is valid for both (test_schema.py checks that), so each case in CASES
breaks exactly one thing. A case is a dict:
  name      what is wrong, as a test name
  make      function(base) -> the bad document (base is a fresh deep copy: change it freely)
  mentions  a word an error must name (the field or key at fault): the schema error's path or message
            must contain it, and so must the loader's message; None when no word fits (a list document)
  loader    whether to run it through `s75 validate` as well (every case here is one the contract says
            the loader refuses, so all are True; set False only for a case the loader cannot see)

ACCEPTED holds {name, make} variants of BASE that are valid, written the less usual ways the loader
reads (quoted numbers, spaced per cents, numeric ids, ...): both the schema and `s75 validate` accept
each.

Adding a case is adding a dict. Keep BASE valid: every case is judged against it.
"""

BASE = {
    "s75": 1,
    "name": "Schema test service",
    "base_year": 2025,
    "years": 3,
    "scales": {
        "afc-test": {
            "year": 2025,
            "bands": {"6": {"points": [38682, 40823, 46580], "progression_years": [2, 3]}},
        },
    },
    "pay": {
        "scale": "afc-test",
        "awards": {2026: "3%", 2027: {"percent": "2.5%", "flat_minimum": 1400}},
        "oncosts": {
            "employer_ni": {"rate": "15%", "threshold": 5000},
            "pension": "23.78%",
            "apprenticeship_levy": "0.5%",
        },
    },
    "workforce": [
        {"role": "Health visitor", "band": "6", "wte": 12.5, "vacancy": "8%",
         "agency_fill": "50%", "agency_premium": "40%"},
    ],
    "non_pay": [
        {"name": "Travel and mileage", "amount": 42000, "inflation": {2025: "2%", "2026/27": "2.5%"}},
    ],
    "partners": [
        {"id": "dcc", "name": "County council", "contribution": {"amount": 700000, "uplift": "1%"}},
        {"id": "dchs", "name": "Community trust",
         "contribution": {"amounts": {2025: 200000, 2026: 205000, 2027: 210000}}},
    ],
    "risk_share": {
        "overspend": {"rule": "proportional"},
        "underspend": {"rule": "fixed", "shares": {"dcc": "70%", "dchs": "30%"}},
    },
    "appraisal": {
        "criteria": [{"id": "outcomes", "weight": 60}, {"id": "cost", "weight": 40}],
        "options": [
            {"id": "do-minimum", "scores": {"outcomes": 3, "cost": 8}, "costs": {2025: 0, 2026: 1000}},
            {"id": "integrate", "scores": {"outcomes": 7, "cost": 5}, "costs": {2026: 5000},
             "benefits": {2027: 9000}},
        ],
    },
}


def _set(path, value):
    """A case maker that sets the value at path (keys and list indexes) in the base."""
    def make(doc):
        node = doc
        for step in path[:-1]:
            node = node[step]
        node[path[-1]] = value
        return doc
    return make


def _drop(key):
    def make(doc):
        del doc[key]
        return doc
    return make


def _rename_key(path, old, new):
    def make(doc):
        node = doc
        for step in path:
            node = node[step]
        node[new] = node.pop(old)
        return doc
    return make


def _portfolio_with_partners(doc):
    doc["pools"] = [{"id": "system", "tier": "system", "scenario": "pools/system.yaml"}]
    for key in ("pay", "workforce", "non_pay", "risk_share", "appraisal", "scales"):
        del doc[key]
    return doc  # still holds partners: a portfolio may not


CASES = [
    # The ten the issue names.
    {"name": "unknown_key", "make": _rename_key(["workforce", 0], "vacancy", "vacancy_rate"),
     "mentions": "vacancy_rate", "loader": True},
    {"name": "wrong_type", "make": _set(["years"], "five"), "mentions": "years", "loader": True},
    {"name": "missing_required_key", "make": _drop("partners"), "mentions": "partners", "loader": True},
    {"name": "negative_wte", "make": _set(["workforce", 0, "wte"], -3), "mentions": "wte", "loader": True},
    {"name": "score_out_of_range", "make": _set(["appraisal", "options", 0, "scores", "outcomes"], 11),
     "mentions": "scores", "loader": True},
    {"name": "bad_year_key", "make": _set(["non_pay", 0, "inflation"], {2025: "2%", "2026/28": "2.5%"}),
     "mentions": "2026/28", "loader": True},
    {"name": "bare_rate_above_1", "make": _set(["partners", 0, "contribution", "uplift"], 1.5),
     "mentions": "uplift", "loader": True},
    {"name": "percent_above_100_on_share", "make": _set(["workforce", 0, "vacancy"], "120%"),
     "mentions": "vacancy", "loader": True},
    {"name": "negative_weight", "make": _set(["appraisal", "criteria", 1, "weight"], -40),
     "mentions": "weight", "loader": True},
    {"name": "document_is_a_list", "make": lambda doc: [doc], "mentions": None, "loader": True},
    # More the contract fixes and a schema can say.
    {"name": "top_level_typo", "make": _rename_key([], "non_pay", "nonpay"), "mentions": "nonpay",
     "loader": True},
    {"name": "share_bare_above_1", "make": _set(["workforce", 0, "agency_fill"], 1.2),
     "mentions": "agency_fill", "loader": True},
    {"name": "bad_partner_id", "make": _set(["partners", 0, "id"], "County Council"), "mentions": "id",
     "loader": True},
    {"name": "fixed_rule_without_shares", "make": _set(["risk_share", "underspend"], {"rule": "fixed"}),
     "mentions": "shares", "loader": True},
    {"name": "unknown_risk_share_rule", "make": _set(["risk_share", "overspend"], {"rule": "pro_rata"}),
     "mentions": "rule", "loader": True},
    {"name": "optimism_bias_category_and_rate",
     "make": _set(["appraisal", "optimism_bias"], {"category": "outsourcing", "rate": "10%"}),
     "mentions": "rate", "loader": True},
    {"name": "unknown_optimism_bias_category",
     "make": _set(["appraisal", "optimism_bias"], {"category": "software"}), "mentions": "category",
     "loader": True},
    {"name": "discount_schedule_unknown", "make": _set(["appraisal", "discount"], {"schedule": "treasury"}),
     "mentions": "schedule", "loader": True},
    {"name": "monitoring_profile_not_12_months",
     "make": _set(["monitoring"], {"year": 2025, "method": "profile",
                                   "actuals": {"pay": [1000, 1000]},
                                   "profile": {"pay": ["10%"] * 10}}),
     "mentions": "profile", "loader": True},
    {"name": "monitoring_actuals_13_months",
     "make": _set(["monitoring"], {"year": 2025, "actuals": {"agency": [100] * 13}}),
     "mentions": "agency", "loader": True},
    {"name": "workforce_from_without_columns",
     "make": _set(["workforce_from"], {"file": "establishment.csv"}),
     "mentions": "columns", "loader": True},
    {"name": "workforce_from_unknown_column_key",
     "make": _set(["workforce_from"], {"file": "establishment.csv",
                                       "columns": {"role": "Role", "grade": "Grade", "wte": "FTE"}}),
     "mentions": "grade", "loader": True},
    {"name": "monitoring_actuals_and_actuals_from",
     "make": _set(["monitoring"], {"year": 2025, "actuals": {"pay": [1000]},
                                   "actuals_from": {"file": "ledger.csv",
                                                    "columns": {"period": "P", "account": "A",
                                                                "amount": "X"},
                                                    "accounts": {"pay": ["5"]}}}),
     "mentions": "actuals_from", "loader": True},
    {"name": "monitoring_actuals_from_misspelt_accounts",
     "make": _set(["monitoring"], {"year": 2025,
                                   "actuals_from": {"file": "ledger.csv",
                                                    "columns": {"period": "P", "account": "A",
                                                                "amount": "X"},
                                                    "acounts": {"pay": ["5"]}}}),
     "mentions": "acounts", "loader": True},
    {"name": "monitoring_unknown_method",
     "make": _set(["monitoring"], {"year": 2025, "method": "linear", "actuals": {"pay": [1000, 1000]}}),
     "mentions": "method", "loader": True},
    {"name": "uncertainty_unknown_savings_mode",
     "make": _set(["uncertainty"], {"draws": 100, "seed": 1, "savings": "normal"}), "mentions": "savings",
     "loader": True},
    {"name": "uncertainty_zero_draws", "make": _set(["uncertainty"], {"draws": 0, "seed": 1}),
     "mentions": "draws", "loader": True},
    {"name": "contribution_without_amount", "make": _set(["partners", 0, "contribution"], {"uplift": "1%"}),
     "mentions": "contribution", "loader": True},
    {"name": "portfolio_holding_partners", "make": _portfolio_with_partners, "mentions": "partners",
     "loader": True},
    {"name": "trend_with_one_month",
     "make": _set(["monitoring"], {"year": 2025, "method": "trend", "actuals": {"pay": [1000]}}),
     "mentions": "pay", "loader": True},
    {"name": "uplift_with_explicit_amounts",
     "make": _set(["partners", 1, "contribution", "uplift"], "1%"), "mentions": "uplift", "loader": True},
    {"name": "shares_on_a_proportional_rule",
     "make": _set(["risk_share", "overspend"], {"rule": "proportional", "shares": {"dcc": "100%"}}),
     "mentions": "shares", "loader": True},
    {"name": "tier_with_shares_and_rule",
     "make": _set(["risk_share", "overspend"], {"rule": "tiered", "tiers": [
         {"up_to": 1000, "shares": {"dcc": "100%"}, "rule": "proportional"}, {"rule": "proportional"}]}),
     "mentions": "tiers", "loader": True},
    {"name": "award_object_without_percent",
     "make": _set(["pay", "awards", 2027], {"flat_minimum": 1400}), "mentions": "percent", "loader": True},
    {"name": "pay_without_oncosts", "make": lambda doc: (doc["pay"].pop("oncosts"), doc)[1],
     "mentions": "oncosts", "loader": True},
    {"name": "workforce_without_pay", "make": _drop("pay"), "mentions": "pay", "loader": True},
    # Workforce need: non-contact time, need weights and caseloads.
    {"name": "non_contact_100_percent", "make": lambda doc: _demand(doc, non_contact="100%"),
     "mentions": "non_contact", "loader": True},
    {"name": "non_contact_bare_above_1", "make": lambda doc: _demand(doc, non_contact=35),
     "mentions": "non_contact", "loader": True},
    {"name": "need_weight_zero", "make": lambda doc: _demand(doc, need_weight=0),
     "mentions": "need_weight", "loader": True},
    {"name": "need_weight_year_negative", "make": lambda doc: _demand(doc, need_weight={2025: 1, 2026: -1}),
     "mentions": "need_weight", "loader": True},
    {"name": "caseload_per_wte_zero", "make": lambda doc: _demand(doc, per_wte=0),
     "mentions": "per_wte", "loader": True},
    {"name": "caseload_without_per_wte", "make": lambda doc: _demand(doc, per_wte=None),
     "mentions": "per_wte", "loader": True},
]


def _demand(doc, non_contact="35%", need_weight=1.12, per_wte=250):
    """BASE with a demand block of one activity and one caseload (valid with the defaults)."""
    caseload = {"name": "Health visitor caseload", "driver": "children", "band": "6"}
    if per_wte is not None:
        caseload["per_wte"] = per_wte
    doc["demand"] = {
        "productive_hours": 1300,
        "non_contact": non_contact,
        "drivers": {"births": {"base": 1000}, "children": {"base": 5000, "need_weight": need_weight}},
        "activities": [{"name": "New birth visit", "driver": "births", "minutes": 90, "band": "6"}],
        "caseloads": [caseload],
    }
    return doc


def _scheme(start):
    def make(doc):
        doc["savings"] = {"schemes": [{"name": "Skill-mix review", "value": 40000, "start": start}]}
        return doc
    return make


def _numeric_criterion_ids(doc):
    doc["appraisal"]["criteria"] = [{"id": 1, "weight": 60}, {"id": 2, "weight": 40}]
    for option, scores in zip(doc["appraisal"]["options"], ({1: 3, 2: 8}, {1: 7, 2: 5})):
        option["scores"] = scores
    return doc


ACCEPTED = [
    {"name": "quoted_number", "make": _set(["workforce", 0, "wte"], "12.5")},
    {"name": "underscored_number_as_text", "make": _set(["non_pay", 0, "amount"], "42_000")},
    {"name": "number_with_exponent", "make": _set(["non_pay", 0, "amount"], "4.2e4")},
    {"name": "percent_with_space", "make": _set(["workforce", 0, "vacancy"], "8 %")},
    {"name": "percent_with_plus_sign", "make": _set(["partners", 0, "contribution", "uplift"], "+1%")},
    {"name": "percent_without_leading_digit", "make": _set(["non_pay", 0, "inflation"], ".5%")},
    {"name": "bare_rate_as_text", "make": _set(["pay", "oncosts", "pension"], "0.2378")},
    {"name": "one_award_for_every_year",
     "make": _set(["pay", "awards"], {"percent": "3%", "flat_minimum": 1000})},
    {"name": "rule_left_to_default", "make": _set(["risk_share", "overspend"], {"caps": {"dcc": 100000}})},
    {"name": "numeric_name", "make": _set(["partners", 0, "name"], 2025)},
    {"name": "numeric_criterion_ids", "make": _numeric_criterion_ids},
    {"name": "savings_start_as_financial_year", "make": _scheme("2026/27")},
    {"name": "savings_start_as_year", "make": _scheme(2026)},
    {"name": "scale_year_as_text", "make": _set(["scales", "afc-test", "year"], "2025")},
    {"name": "demand_with_caseloads", "make": _demand},
    {"name": "non_contact_as_series_of_fractions",
     "make": lambda doc: _demand(doc, non_contact={2025: 0.3, "2026/27": "99.5%"})},
    {"name": "per_wte_as_series", "make": lambda doc: _demand(doc, per_wte={2025: 250, 2027: "260.5"})},
]
