"""Shoppers' personal data: deleting an account keeps its orders but not the person in them
(Vietnam's Decree 13/2023/ND-CP on personal data protection)."""
