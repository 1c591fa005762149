"""Deployment: the image build steps, the deploy files, and the servers of a scaled-out setup."""
