"""What protects the desk and its calls out: passwords, the outbound URL policy, webhooks.

Owns password hashing and rules (scrypt, the common-password list in ``data/``), the SSRF
policy every outbound URL passes (MT providers, webhooks), and signed webhook delivery.
Imports ``workflow.errors`` and the standard library; never the store, services or web.
"""
