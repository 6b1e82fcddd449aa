"""Applications being written: each measure's wizard (steps from portal/domain, a form per step),
drafts saved per step, the VOP grants a new kind builds on, and how the answers read."""
