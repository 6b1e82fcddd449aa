"""The Vlaamse ondersteuningspremie in the wizard: the kind choice, its step forms, the receipt and
the staff's paper entry. The wizard itself is portal/wizard; the rules are portal/domain/vop*.py."""
