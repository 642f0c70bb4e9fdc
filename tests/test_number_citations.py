"""Numbers that text cites by name, which a renumbering fix would leave pointing elsewhere."""

import pytest

from doclint.number_citations import cited_numbers


@pytest.mark.parametrize(
    "line, expected",
    [
        ("详见第4题的解析。", {4}),
        ("同第 12 题。", {12}),
        ("第四章和第十一题都讲过。", {4, 11}),
        ("参考题3和问题 5。", {3, 5}),
        ("See Q4 and question 7.", {4, 7}),
        ("Repeat Step 3 before step 12.", {3, 12}),
        ("Read [the setup](#4-install) first.", {4}),
        ("The answer is 4, and the list has 12 entries.", set()),
        ("FAQ4 and step4x are names.", set()),
        ("A Q3 report and a Q4 report.", {3, 4}),
        ("见第4道题和题号6。", {4, 6}),
        ("和 5 题的解法相同，题目7另有说明。", {5, 7}),
        ("See Q.4, No. 8, item 9 and answer 10.", {4, 8, 9, 10}),
        ("同Ｑ４。", {4}),
        ("见第4点，第5项和第6步。", {4, 5, 6}),
        ("修改配置（详见步骤4），再看要点 7。", {4, 7}),
        ("See point 4 and Point 9.", {4, 9}),
    ],
)
def test_cited_numbers(line, expected):
    assert cited_numbers([line]) == expected
