"""An inventory agent made per sample from its agent_args: seed 001's agent_script.

`evalforge run` calls create_inventory_agent(sample) for each sample; the object it returns
answers each user turn through respond(). A coroutine function works as well.
"""

import re


class InventoryAgent:
    def __init__(self, item: dict) -> None:
        self.item = item
        self.quantity = 0

    def respond(self, message: str) -> str:
        match = re.search(r"(Add|Remove) (\d+) units", message)
        if not match:
            return f"We have {self.item['name']} ({self.item['sku']}) at ${self.item['price']}."
        change = int(match.group(2)) * (1 if match.group(1) == "Add" else -1)
        self.quantity += change
        return f"Updated inventory for {self.item['name']} with a quantity change of {change}"


def create_inventory_agent(sample):
    return InventoryAgent(sample.agent_args["item"])
