"""What each portfolio picture shows for *this* base, in one sentence in the user's language.

Built from the analysed figures: the words are interface strings (gettext, with the plural
forms of each language), the numbers are formatted the way the rest of the app shows them
(`app.domain.numbers`). Every odd base gets its own sentence instead of a misleading one: a
single client, a base without revenue, a base where no client earns money.
"""

from __future__ import annotations

from decimal import Decimal

from flask_babel import gettext as _
from flask_babel import ngettext

from app.domain import numbers
from app.domain.portfolio import PortfolioAnalysis
from app.portfolio.charts import top_fifth_count


def _pct(value: Decimal | float | None, lang: str) -> str:
    return numbers.percent(value, lang, 0)


def _money(value: Decimal, lang: str) -> str:
    return numbers.money(value, lang, cents=False)


def _count(value: int, lang: str) -> str:
    """A number of clients as the page writes it ("1.000" in Dutch, "1,000" in English)."""
    return numbers.number(value, lang, 0)


def pareto_sentence(analysis: PortfolioAnalysis, lang: str) -> str | None:
    """How concentrated the revenue is: what the largest fifth of the clients brings."""
    n = len(analysis.clients)
    if n == 0:
        return None
    if analysis.total_revenue <= 0:
        return _("None of your clients has any revenue yet, so there is no Pareto curve to draw.")
    if n == 1:
        return _(
            "You have one client, so it brings all of your revenue: %(revenue)s.",
            revenue=_money(analysis.total_revenue, lang),
        )
    count = top_fifth_count(n)
    return ngettext(
        "The top %(clients_pct)s of your clients (%(n)s client) brings %(share)s of your revenue.",
        "The top %(clients_pct)s of your clients (%(n)s) bring %(share)s of your revenue.",
        count,
        n=_count(count, lang),
        clients_pct=_pct(Decimal(count) / n * 100, lang),
        share=_pct(analysis.top_fifth_revenue_pct, lang),
    )


def whale_sentence(analysis: PortfolioAnalysis, lang: str) -> str | None:
    """Where the profit is made and where it goes: what the profitable clients earn as a share
    of the total profit, and what the loss-makers give back."""
    n = len(analysis.clients)
    if n == 0:
        return None
    whale = analysis.whale
    profit = sum((c.contribution for c in analysis.clients if c.contribution > 0), Decimal(0))
    loss = -sum((c.contribution for c in analysis.clients if c.contribution < 0), Decimal(0))
    if whale.total > 0:
        if whale.loss_making == 0:
            return _all_profitable(analysis, lang)
        first = ngettext(
            "Your one profitable client earns %(peak)s of your total profit",
            "Your %(n)s profitable clients earn %(peak)s of your total profit",
            whale.peak_clients,
            n=_count(whale.peak_clients, lang),
            peak=_pct(whale.peak_pct, lang),
        )
        second = ngettext(
            "the one client that loses money (%(share)s of your clients) gives %(back)s of it "
            "back.",
            "the %(n)s that lose money (%(share)s of your clients) give %(back)s of it back.",
            whale.loss_making,
            n=_count(whale.loss_making, lang),
            share=_pct(whale.loss_making_share_pct, lang),
            back=_pct((whale.peak_pct or 0) - 100, lang),
        )
        return _("%(first)s; %(second)s", first=first, second=second)
    if profit == 0 and loss == 0:
        return _(
            "None of your clients earns or costs money yet: add revenue and costs to see "
            "where your profit is made."
        )
    if profit == 0:
        if n == 1:
            return _(
                "Your only client costs you more than it brings: %(loss)s a year after the "
                "full cost to serve.",
                loss=_money(loss, lang),
            )
        return ngettext(
            "None of your clients earns money after the full cost to serve; the one that "
            "loses money costs you %(loss)s a year.",
            "None of your clients earns money after the full cost to serve; the %(n)s that "
            "lose money cost you %(loss)s a year together.",
            whale.loss_making,
            n=_count(whale.loss_making, lang),
            loss=_money(loss, lang),
        )
    return ngettext(
        "Your one profitable client earns %(profit)s, but the clients that lose money cost "
        "%(loss)s: together your clients lose %(net)s a year.",
        "Your %(n)s profitable clients earn %(profit)s, but the clients that lose money cost "
        "%(loss)s: together your clients lose %(net)s a year.",
        whale.peak_clients,
        n=_count(whale.peak_clients, lang),
        profit=_money(profit, lang),
        loss=_money(loss, lang),
        net=_money(loss - profit, lang),
    )


def _all_profitable(analysis: PortfolioAnalysis, lang: str) -> str:
    n = len(analysis.clients)
    if n == 1:
        return _(
            "Your only client earns all of your profit: %(profit)s a year after the full cost "
            "to serve.",
            profit=_money(analysis.total_contribution, lang),
        )
    count = top_fifth_count(n)
    return ngettext(
        "None of your clients loses money after the full cost to serve; the best one "
        "(%(clients_pct)s of your clients) earns %(share)s of your profit.",
        "None of your clients loses money after the full cost to serve; the best %(n)s "
        "(%(clients_pct)s of your clients) earn %(share)s of your profit.",
        count,
        n=_count(count, lang),
        clients_pct=_pct(Decimal(count) / n * 100, lang),
        share=_pct(analysis.top_fifth_contribution_pct, lang),
    )


def rhythm_sentence(rhythm: dict | None) -> str:
    """A segment's contact rhythm from model.yaml (`portfolio_rhythm`), as the attention plan's
    calendar repeats it: how often a visit, how often a call (no number: none planned)."""
    rhythm = rhythm or {}
    months = rhythm.get("visit_every_months")
    weeks = rhythm.get("call_every_weeks")
    if months:
        visits = ngettext("a visit every month", "a visit every %(num)d months", months)
    else:
        visits = _("no planned visits")
    if weeks:
        calls = ngettext("a call every week", "a call every %(num)d weeks", weeks)
    else:
        calls = _("no planned calls")
    return _("In the calendar: %(visits)s and %(calls)s.", visits=visits, calls=calls)
