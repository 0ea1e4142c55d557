import wenmai


def test_version_is_the_crate_version():
    assert wenmai.__version__ == "0.1.0"
