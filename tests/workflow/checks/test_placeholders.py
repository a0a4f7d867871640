from __future__ import annotations

from tests.workflow.checks.helpers import table_test
from workflow.checks.placeholders import PlaceholdersCheck

CASES = [
    ("[%%IMAGE1%%]", "[%%IMAGE1%%]", []),
    ("사진 [%%IMAGE1%%] 설명", "Photo [%%IMAGE1%%] caption", []),
    ("[%%IMAGE1%%]", "", []),  # the empty check reports that
    ("[%%IMAGE1%%]", "[%%IMAGE 1%%]", [
        "placeholder [%%IMAGE1%%] is missing in the translation"]),
    ("[%%IMAGE1%%] [%%IMAGE2%%]", "[%%IMAGE2%%] [%%IMAGE1%%]", []),
    ("[%%IMAGE1%%] [%%IMAGE1%%]", "[%%IMAGE1%%]", [
        "placeholder [%%IMAGE1%%] is missing in the translation"]),
    ("사진", "Photo [%%IMAGE3%%]", ["placeholder [%%IMAGE3%%] is not in the source"]),
    ("%s 님이 %d건을 저장했다", "%s saved %d items", []),
    ("%(name)s 님", "Dear %(nom)s", [
        "placeholder %(name)s is missing in the translation",
        "placeholder %(nom)s is not in the source"]),
    ("{count}건", "{count} items", []),
    ("{count}건", "count items", ["placeholder {count} is missing in the translation"]),
    ("금리 3.5%를 동결", "kept the rate at 3.5% since", []),  # % followed by a space
    ("50%씩", "50%s", ["placeholder %s is not in the source"]),
]  # fmt: skip


test_placeholders = table_test(PlaceholdersCheck(), CASES)
