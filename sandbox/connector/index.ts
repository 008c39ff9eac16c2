import type { OperationName } from '../spec-validator';
import { getConfiguration } from './configuration';
import type { OperationHandler } from './context';
import { addTokenizedCard, chargeCreditCard, getAllCreditCards } from './credit-cards';
import { addCustomer, getAllCustomers } from './customers';
import {
  addAlternativePayment,
  addCreditCardPayment,
  addExternalPayment,
  getAllPayments,
  refundPayment,
} from './payments';
import {
  addPaymentRequests,
  cancelPaymentRequests,
  getAllPaymentRequests,
} from './payment-requests';
import { getAllPreauthorizationsByCustomers } from './preauthorizations';
import { getAllAccountingCategories, getAllBills, getAllReservations } from './reservations';
import { getAllOrderItems, getAllResources } from './resources';

/** One handler per implemented Connector API operation (the path after /api/connector/v1/). */
export const OPERATION_HANDLERS: Record<OperationName, OperationHandler> = {
  'configuration/get': getConfiguration,
  'customers/getAll': getAllCustomers,
  'customers/add': addCustomer,
  'creditCards/addTokenized': addTokenizedCard,
  'creditCards/charge': chargeCreditCard,
  'creditCards/getAll': getAllCreditCards,
  'payments/addCreditCard': addCreditCardPayment,
  'payments/addExternal': addExternalPayment,
  'payments/addAlternative': addAlternativePayment,
  'payments/getAll': getAllPayments,
  'payments/refund': refundPayment,
  'reservations/getAll/2023-06-06': getAllReservations,
  'bills/getAll': getAllBills,
  'accountingCategories/getAll': getAllAccountingCategories,
  'resources/getAll': getAllResources,
  'orderItems/getAll': getAllOrderItems,
  'paymentRequests/add': addPaymentRequests,
  'paymentRequests/getAll': getAllPaymentRequests,
  'paymentRequests/cancel': cancelPaymentRequests,
  'preauthorizations/getAllByCustomers': getAllPreauthorizationsByCustomers,
};
