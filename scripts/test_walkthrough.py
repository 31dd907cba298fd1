"""Tests of the walkthrough checker (scripts/walkthrough.py): it must fail when a step prints
something else than its #=> says. Run: python3 -m unittest discover -s scripts -p 'test_*.py'"""

import io
import unittest

import walkthrough

FENCE = "```"


def readme(body, info="bash walkthrough"):
    return "# A README\n\nProse.\n\n%s%s\n%s\n%s\n" % (FENCE, info, body, FENCE)


def check(markdown):
    out = io.StringIO()
    failures = walkthrough.check(markdown, cwd=".", timeout=30, out=out)
    return failures, out.getvalue()


class WalkthroughTest(unittest.TestCase):
    def test_rightExpectations_pass(self):
        failures, report = check(readme(
            "X=41\n"
            "echo $((X + 1))          #=> 42\n"
            "echo '{\"id\":\"261130-0001\",\"status\":\"accepted\"}' | python3 -m json.tool\n"
            "#=> {\"id\":\"...-0001\", ...}\n"))
        self.assertEqual(0, failures, report)
        self.assertIn("3 steps, 2 with an expected output, 0 failed", report)

    def test_textThatStartsLikeANumber_isComparedAsText(self):
        self.assertEqual(0, check(readme("echo 261130-0001   #=> ...-0001\n"))[0])
        self.assertEqual(1, check(readme("echo 261130-0002   #=> ...-0001\n"))[0])

    def test_wrongExpectation_fails_andNamesTheLineAndBothTexts(self):
        failures, report = check(readme("echo 2     #=> 1\n"))
        self.assertEqual(1, failures)
        self.assertIn("README.md:6 printed something else", report)
        self.assertIn("README: 1", report)
        self.assertIn("actual: 2", report)

    def test_wildcard_doesNotMatchAMissingLiteral(self):
        failures, _ = check(readme("echo '{\"status\":\"closed\"}'     #=> {\"status\":\"resolved\",...}\n"))
        self.assertEqual(1, failures)

    def test_failingStep_fails_evenWithoutExpectation(self):
        failures, report = check(readme("false\necho after   #=> after\n"))
        self.assertEqual(1, failures)
        self.assertIn("exited with 1", report)

    def test_variablesCarryOverBetweenSteps_andBlocks(self):
        markdown = readme("ID=$(echo abc)") + "\nMore prose.\n\n" + readme("echo \"$ID\"   #=> abc")
        self.assertEqual(0, check(markdown)[0])

    def test_multiLineStep_isOneStep(self):
        steps = walkthrough.steps(readme(
            "BODY=\"{\\\"a\\\":1,\n  \\\"b\\\":2}\"\n"
            "echo \"$BODY\" \\\n  | tr -d ' '   #=> {\"a\":1,\"b\":2}\n"))
        self.assertEqual(2, len(steps))
        self.assertEqual('{"a":1,"b":2}', steps[1].expected)
        self.assertEqual(0, check(readme("BODY=\"{\\\"a\\\":1,\n  \\\"b\\\":2}\"\necho \"$BODY\" \\\n  | tr -d ' '   #=> {\"a\":1,\"b\":2}\n"))[0])

    def test_plainBashBlocks_andProseComments_areNotChecked(self):
        markdown = readme("exit 3", info="bash") + readme("# just prose\necho ok   # prose, not an expectation")
        failures, report = check(markdown)
        self.assertEqual(0, failures, report)
        self.assertIn("1 steps, 0 with an expected output", report)

    def test_noWalkthroughBlock_fails(self):
        self.assertEqual(1, check(readme("echo hi", info="bash"))[0])

    def test_expectationOverSeveralLines_joins(self):
        steps = walkthrough.steps(readme("echo '[1, 2]'   #=> [1,\n#=>  2]\n"))
        self.assertEqual("[1, 2]", steps[0].expected)
        with self.assertRaises(ValueError):
            walkthrough.steps(readme("echo 1\n# prose\n#=> 1\n"))

    def test_expectationThatEndsNoStep_isRefused(self):
        with self.assertRaises(ValueError):
            walkthrough.steps(readme("echo 'open   #=> x\nquote'"))


if __name__ == "__main__":
    unittest.main()
