from django.test import RequestFactory, override_settings

from steunpunt.core.net import client_ip


def request(forwarded=None):
    meta = {"REMOTE_ADDR": "10.0.0.5"}
    if forwarded is not None:
        meta["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **meta)


def test_without_proxies_the_forwarded_header_is_ignored():
    assert client_ip(request("1.2.3.4")) == "10.0.0.5"


@override_settings(TRUSTED_PROXY_COUNT=1)
def test_one_proxy_gives_the_address_it_saw_not_what_the_client_claims():
    assert client_ip(request("6.6.6.6, 81.82.83.84")) == "81.82.83.84"
    assert client_ip(request()) == "10.0.0.5"
