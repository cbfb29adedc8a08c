"""The campaign calendar: the moments' iCal feed and the reminder mails before each moment."""
