"""The yearly and window rules at their edges, read from each rule's documentation: the as-of date of 1 January
(the year has begun), a record dated on the as-of day itself, the day the requirement was met (``done``), the
count a report shows (``measure``) and the messages in both languages.

training-frequency: at least 1 training a year. evaluation-frequency: departments 1, districts 2, each completed in
the year with results published. multimedia-share: at least 30% in a counting form. meeting-frequency: departments
every half-year, districts every quarter.
"""

from __future__ import annotations

import datetime as dt
from fractions import Fraction

from helpers import only

from disclose_cli.rules import Parameters
from disclose_cli.rules.rule import Count

D = dt.date


def trainings(*dates: str) -> str:
    return "trainings:\n" + "".join(f"  - title: 培训{index}\n    date: {day}\n" for index, day in enumerate(dates)) \
        if dates else "trainings: []\n"


# ---- training-frequency ----------------------------------------------------------------------------------------

def test_on_1_january_the_year_is_judged(run):
    finding = only(run(trainings(), "2024-01-01", rules=["training-frequency"]), "training-frequency")
    assert (finding.status.value, finding.due, finding.year, finding.measure) == ("pending", D(2024, 12, 31), 2024,
                                                                                 Count(0, 1))
    assert finding.message == "0 trainings recorded (at least 1 a year) so far; due 2024-12-31"
    assert finding.message_zh == "记录业务培训0次（每年至少1次），截至目前；期限2024-12-31"
    assert run(trainings(), "2023-12-31", rules=["training-frequency"]) == []


def test_a_training_on_the_as_of_day_counts_and_is_the_day_done(run):
    finding = only(run(trainings("2024-06-20"), "2024-06-20", rules=["training-frequency"]), "training-frequency")
    assert (finding.status.value, finding.done, finding.due, finding.measure) == ("pass", D(2024, 6, 20),
                                                                                 D(2024, 12, 31), Count(1, 1))
    assert finding.location.line == 2
    assert finding.message_zh == "记录业务培训1次（每年至少1次）"


def test_the_day_done_is_the_day_the_required_count_was_reached(run):
    # Two required: reached on the second training by date, whatever the order the report lists them in.
    parameters = Parameters(trainings_required=2)
    finding = only(run(trainings("2024-09-20", "2024-03-20", "2024-11-05"), "2024-12-31",
                       rules=["training-frequency"], parameters=parameters), "training-frequency")
    assert (finding.status.value, finding.done, finding.measure) == ("pass", D(2024, 9, 20), Count(3, 2))
    assert finding.location.line == 2
    short = only(run(trainings("2024-09-20"), "2024-12-31", rules=["training-frequency"], parameters=parameters),
                 "training-frequency")
    assert (short.status.value, short.done, short.measure) == ("fail", None, Count(1, 2))
    assert short.message_zh == "记录业务培训1次（每年至少2次）；截至2024-12-31"


def test_no_training_required_passes_with_no_day_done(run):
    finding = only(run(trainings(), "2024-03-01", rules=["training-frequency"],
                       parameters=Parameters(trainings_required=0)), "training-frequency")
    assert (finding.status.value, finding.done, finding.measure) == ("pass", None, Count(0, 0))


# ---- evaluation-frequency --------------------------------------------------------------------------------------

def evaluations(*items: tuple[str, str | None]) -> str:
    rows = ""
    for index, (completed, published) in enumerate(items):
        rows += f"  - topic: 评价{index}\n    completed: {completed}\n"
        rows += f"    results_published: {published}\n" if published else ""
    return "evaluations:\n" + rows


def test_an_evaluation_completed_on_the_as_of_day_counts(run):
    finding = only(run(evaluations(("2024-10-15", None)), "2024-10-15", rules=["evaluation-frequency"]),
                   "evaluation-frequency")
    assert finding.message == ("0 of 1 evaluation completed with results published; 1 without published results so "
                               "far; due 2024-12-31")
    assert finding.message_zh == "完成并公开结果的政策评价0次（要求1次）；另有1次未公开评价结果，截至目前；期限2024-12-31"
    assert (finding.status.value, finding.measure, finding.year) == ("pending", Count(0, 1), 2024)


def test_results_published_on_the_as_of_day_pass_that_day(run):
    finding = only(run(evaluations(("2024-10-15", "2024-12-10")), "2024-12-10", rules=["evaluation-frequency"]),
                   "evaluation-frequency")
    assert (finding.status.value, finding.done, finding.due, finding.measure) == ("pass", D(2024, 12, 10),
                                                                                 D(2024, 12, 31), Count(1, 1))
    assert finding.message_zh == "完成并公开结果的政策评价1次（要求1次）"


def test_a_district_is_done_on_the_second_publication(run):
    snippet = evaluations(("2024-10-15", "2024-12-10"), ("2024-05-15", "2024-06-10"), ("2024-11-01", "2024-12-20"))
    finding = only(run(snippet, "2024-12-31", rules=["evaluation-frequency"], unit="环翠区"), "evaluation-frequency")
    assert (finding.status.value, finding.done, finding.measure) == ("pass", D(2024, 12, 10), Count(3, 2))
    assert finding.location.line == 2  # the first published evaluation of the section


def test_a_district_with_exactly_two(run):
    snippet = evaluations(("2024-05-15", "2024-06-10"), ("2024-10-15", "2024-12-10"))
    finding = only(run(snippet, "2024-12-31", rules=["evaluation-frequency"], unit="环翠区"), "evaluation-frequency")
    assert (finding.status.value, finding.done) == ("pass", D(2024, 12, 10))


def test_no_evaluation_required_passes_with_no_day_done(run):
    parameters = Parameters(evaluations_required={"department": 0})
    finding = only(run(evaluations(("2024-05-15", None)), "2024-12-31", rules=["evaluation-frequency"],
                       parameters=parameters), "evaluation-frequency")
    assert (finding.status.value, finding.done) == ("pass", None)


def test_on_1_january_an_evaluation_year_is_judged(run):
    finding = only(run("evaluations: []\n", "2024-01-01", rules=["evaluation-frequency"]), "evaluation-frequency")
    assert finding.status.value == "pending"


# ---- multimedia-share ------------------------------------------------------------------------------------------

def interpretations(*forms: str, published: str = "2024-05-11") -> str:
    return "interpretations:\n" + "".join(
        f"  - {{policy: 政策{index}, form: {form}, published: {published}}}\n" for index, form in enumerate(forms)) \
        if forms else "interpretations: []\n"


def test_a_share_at_the_threshold_at_the_year_end(run):
    finding = only(run(interpretations("video", "animation", "audio", *["text"] * 7), "2024-12-31",
                       rules=["multimedia-share"]), "multimedia-share")
    assert (finding.status.value, finding.due, finding.measure) == ("pass", D(2024, 12, 31),
                                                                   Count(3, 10, Fraction(3, 10)))
    assert finding.message == "3 of 10 interpretations (30%) in video/animation/audio/h5, meets 30%"
    assert finding.message_zh == "政策解读10篇，其中视频、动漫、音频、H5等形式3篇（30%），达到30%"


def test_a_share_below_the_threshold_so_far_and_at_the_year_end(run):
    snippet = interpretations("video", "text", "text", "text", "text")
    pending = only(run(snippet, "2024-12-30", rules=["multimedia-share"]), "multimedia-share")
    assert (pending.status.value, pending.measure) == ("pending", Count(1, 5, Fraction(3, 10)))
    assert pending.message_zh == "政策解读5篇，其中视频、动漫、音频、H5等形式1篇（20%），低于30%（截至目前）"
    assert pending.message.endswith(", below 30% so far")
    closed = only(run(snippet, "2024-12-31", rules=["multimedia-share"]), "multimedia-share")
    assert (closed.status.value, closed.due) == ("fail", D(2024, 12, 31))
    assert closed.message_zh == "政策解读5篇，其中视频、动漫、音频、H5等形式1篇（20%），低于30%"


def test_no_interpretation_yet(run):
    pending = only(run(interpretations(), "2024-01-01", rules=["multimedia-share"]), "multimedia-share")
    assert (pending.status.value, pending.due, pending.measure) == ("pending", D(2024, 12, 31),
                                                                   Count(0, 0, Fraction(3, 10)))
    assert (pending.message, pending.message_zh) == ("no interpretations recorded in 2024", "2024年未记录政策解读")
    closed = only(run(interpretations(), "2024-12-31", rules=["multimedia-share"]), "multimedia-share")
    assert closed.status.value == "fail"


def test_an_interpretation_published_on_the_as_of_day_counts(run):
    finding = only(run(interpretations("video", published="2024-05-11"), "2024-05-11", rules=["multimedia-share"]),
                   "multimedia-share")
    assert finding.measure == Count(1, 1, Fraction(3, 10))


# ---- meeting-frequency -----------------------------------------------------------------------------------------

def meetings(*items: tuple[str, int]) -> str:
    return "meetings:\n" + "".join(f"  - title: 会议{index}\n    date: {day}\n    public_attendees: {people}\n"
                                   for index, (day, people) in enumerate(items))


def test_a_window_passes_on_the_day_of_its_first_attended_meeting(run):
    findings = run(meetings(("2024-02-10", 0), ("2024-03-15", 2), ("2024-05-20", 1)), "2024-12-31",
                   rules=["meeting-frequency"])
    first = only(findings, "meeting-frequency", "2024H1")
    assert (first.status.value, first.done, first.due, first.location.line) == ("pass", D(2024, 3, 15),
                                                                               D(2024, 6, 30), 5)
    assert first.message_zh == "2次会议邀请公众代表列席（首次：会议1，2024-03-15）"
    second = only(findings, "meeting-frequency", "2024H2")
    assert (second.status.value, second.due) == ("fail", D(2024, 12, 31))
    assert (second.message, second.message_zh) == ("no meeting with public representatives in 2024H2",
                                                   "2024年下半年未召开邀请公众代表列席的会议")


def test_every_quarter_of_a_district_is_judged_in_turn(run):
    # A quarter with a meeting does not end the judging of the quarters after it.
    findings = run(meetings(("2024-02-10", 1), ("2024-08-01", 0)), "2024-12-31", rules=["meeting-frequency"],
                   unit="环翠区")
    assert [(finding.subject, finding.status.value) for finding in findings if finding.rule == "meeting-frequency"] \
        == [("2024Q1", "pass"), ("2024Q2", "fail"), ("2024Q3", "fail"), ("2024Q4", "fail")]
    third = only(findings, "meeting-frequency", "2024Q3")
    assert third.message_zh == "2024年第三季度未召开邀请公众代表列席的会议；1次会议无公众代表列席"
    second = only(findings, "meeting-frequency", "2024Q2")
    assert (second.message, second.message_zh) == ("no meeting with public representatives in 2024Q2",
                                                   "2024年第二季度未召开邀请公众代表列席的会议")


def test_a_window_not_begun_is_not_judged_and_one_begun_today_is(run):
    findings = run(meetings(("2024-02-10", 1)), "2024-07-01", rules=["meeting-frequency"])
    pending = only(findings, "meeting-frequency", "2024H2")
    assert (pending.status.value, pending.message_zh) == (
        "pending", "2024年下半年尚未召开邀请公众代表列席的会议，期限2024-12-31")
    assert pending.message == "no meeting with public representatives yet in 2024H2; window ends 2024-12-31"
    assert [finding.subject for finding in run(meetings(("2024-02-10", 1)), "2024-06-30",
                                               rules=["meeting-frequency"])] == ["2024H1"]


def test_a_pass_points_at_the_training_held_not_at_one_planned(run):
    # The section lists a training still to come first; the one that counts starts on line 4.
    finding = only(run(trainings("2024-11-20", "2024-06-20"), "2024-07-01", rules=["training-frequency"]),
                   "training-frequency")
    assert (finding.status.value, finding.location.line, finding.done) == ("pass", 4, D(2024, 6, 20))
