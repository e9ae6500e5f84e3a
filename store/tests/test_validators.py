from django.core.exceptions import ValidationError

import pytest

from store.validators import validate_address_snapshot, validate_image_list

GOOD_ADDRESS = {
    "recipient_name": "Wanjiku Kamau",
    "phone": "+254712345678",
    "county_code": "022",
    "county_name": "Kiambu",
    "town": "Thika",
    "street_address": "Kenyatta Highway, Plot 4",
    "postal_code": "01000",
}


def test_a_complete_address_passes():
    validate_address_snapshot(GOOD_ADDRESS)


@pytest.mark.parametrize(
    ("change", "code"),
    [
        ({"county_code": "099"}, "invalid_county"),
        ({"phone": "0712345678"}, "phone_not_e164"),
        ({"postal_code": "1000"}, "invalid_postal_code"),
        ({"town": ""}, "address_incomplete"),
        ({"gps": "-1.28,36.82"}, "address_unknown_keys"),
        ({"landmark": 5}, "address_not_text"),
    ],
)
def test_a_bad_address_is_refused(change, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_address_snapshot({**GOOD_ADDRESS, **change})

    assert excinfo.value.code == code


def test_an_address_must_be_an_object():
    with pytest.raises(ValidationError) as excinfo:
        validate_address_snapshot(["Thika"])

    assert excinfo.value.code == "not_object"


@pytest.mark.parametrize(
    "value", [[], ["https://cdn.example.co.ke/a.jpg"], ["/media/store/b.png"]]
)
def test_image_lists_of_urls_or_media_paths_pass(value):
    validate_image_list(value)


@pytest.mark.parametrize(
    ("value", "code"),
    [
        ("a.jpg", "not_string_list"),
        ([""], "not_string_list"),
        (["ftp://x/a.jpg"], "bad_image_url"),
    ],
)
def test_bad_image_lists_are_refused(value, code):
    with pytest.raises(ValidationError) as excinfo:
        validate_image_list(value)

    assert excinfo.value.code == code
