"""The law-database export fields reach Python: citation and url in `extra`, recipients,
attachments, the signing date and the bracketed document number (tests/data/law-db)."""

from pathlib import Path

import wenmai

DATA = Path(__file__).parent / "data" / "law-db"


def test_notice_fields_in_python():
    doc = wenmai.read(DATA / "notice_city_management.txt")
    m = doc.meta
    assert m.title == "江临市人民政府办公室关于印发江临市城市道路停车管理办法的通知"
    assert m.extra["citation"] == "CLI.13.204518"
    assert m.extra["url"].startswith("https://www.pkulaw.com/")
    assert m.doc_number == "江府办发〔2015〕12号"
    assert m.recipients == ["各县（市、区）人民政府", "市直各单位"]
    assert m.attachments == ["江临市城市道路停车管理办法", "江临市城市道路停车泊位设置一览表"]
    assert str(m.published) == "2015-03-10"
    d = doc.to_dict()["meta"]
    assert d["recipients"] == m.recipients
    assert d["attachments"] == m.attachments
