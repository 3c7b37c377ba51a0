"""How much of the user's own text fits on the one-page meeting card.

Longer texts end in an ellipsis: the card must stay one page whatever is typed.
"""

CARD_LIMITS = {
    "client": 60,
    "key_message": 230,
    "phrase": 110,
    "reminder": 190,
    "transition": 280,
    "checklist": 7,
}
