"""The service's pages, one blueprint per part of the journey."""
