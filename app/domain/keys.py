"""The stable ids of the analysis model (PRODUCT.md). Code, content and plan files use these;
`content/model.yaml` must list exactly the same, which the content loader checks."""

INTERPERSONAL = ("disrespect", "scope_creep", "basics_effort", "escalations", "dread", "attrition")
VALUE = ("reference", "innovation", "knowledge", "energy", "network", "prestige", "potential")
REPUTATION_RISK = "reputation_risk"
PITFALLS = (
    "all_resources_counted",
    "own_part_examined",
    "external_checked",
    "not_decided_early",
    "independent_voice",
    "alternatives_considered",
)
RECOMMENDATIONS = (
    "exit",
    "reprice",
    "reset_expectations",
    "reduce_attention",
    "keep_invest",
    "keep",
)
ALTERNATIVE_KINDS = (
    "raise_rates",
    "reduce_service",
    "inside_sales",
    "renegotiate_terms",
    "change_operations",
    "scope_reset",
    "trial_period",
    "repair_attention",
    "other",
)
ALTERNATIVE_STATUSES = ("considered", "tried", "rejected")
DEPARTMENTS = (
    "sales",
    "account_management",
    "customer_service",
    "finance_administration",
    "marketing",
    "delivery_operations",
    "management",
)

# The preconditions of a good exit conversation, and the client's-perspective check.
PRECONDITIONS = (
    "face_to_face",
    "personal_messenger",
    "decision_final",
    "one_message",
    "contract_checked",
    "transition_ready",
    "timing",
    "written_after",
    "team_informed",
)
PERSPECTIVE = ("thank", "own_part", "acknowledge", "personal_clear")
